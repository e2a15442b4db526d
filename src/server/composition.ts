// The only place that wires repositories → services → routes. HTTP server, CLI and tests all start here.
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { Logger } from './logger.ts';
import { buildHttpApp, type HttpApp } from './http/app.ts';
import { createJobQueue, type JobQueue } from './jobs/index.ts';
import { loadDataKey } from './adapters/crypto/data-key.ts';
import { createAuditLog, createAuditModule, type AuditModule } from './modules/audit/index.ts';
import { createPrivacyModule, type PrivacyModule } from './modules/privacy/index.ts';
import { createMailer } from './adapters/mail/smtp-mailer.ts';
import type { Mailer } from './adapters/mail/mailer.ts';
import { createStaffModule, type StaffModule } from './modules/staff/index.ts';
import { createOrganisationModule, type OrganisationModule } from './modules/organisation/index.ts';
import { createSurveysModule, type SurveysModule } from './modules/surveys/index.ts';
import { createIntakeModule, type IntakeModule } from './modules/intake/index.ts';
import { createWebSurveyModule, type WebSurveyModule } from './modules/web-survey/index.ts';
import { createResponsesService, type ResponsesService } from './modules/responses/index.ts';
import { createFeedbackModule, type FeedbackModule } from './modules/feedback/index.ts';
import { createOpen311Module, type Open311Module } from './modules/open311/index.ts';
import { createEntryModule, type EntryModule } from './modules/entry/index.ts';
import { createHomeCareModule, type HomeCareModule } from './modules/home-care/index.ts';
import { createChatModule, type ChatModule } from './modules/chat/index.ts';
import { createInboxModule, type InboxModule } from './modules/inbox/index.ts';
import { createKioskModule, type KioskModule } from './modules/kiosk/index.ts';
import { createSmsModule, type SmsModule } from './modules/sms/index.ts';
import type { SmsGateway } from './adapters/sms/sms-gateway.ts';
import { createInsightsModule, type InsightsModule } from './modules/insights/index.ts';
import {
  themesPanel,
  themesSection,
  createAnalysisModule,
  type AnalysisModule,
} from './modules/analysis/index.ts';
import { detectLanguage } from './modules/intake/index.ts';
import { lazyVoikko } from './adapters/voikko/voikko.ts';
import { createOpenAiCompatibleProvider } from './adapters/llm/text-provider.ts';
import { lazySentenceEmbedder } from './adapters/embeddings/sentence-embedder.ts';
import { createReportsModule, type ReportsModule } from './modules/reports/index.ts';
import { createChromiumPdfRenderer } from './adapters/pdf/chromium-pdf.ts';
import { feedbackErasureTarget, feedbackRetentionTargets } from './modules/feedback/index.ts';

export interface Kuulo {
  config: Config;
  database: Database;
  logger: Logger;
  jobs: JobQueue;
  /** Outgoing e-mail (SMTP from KUULO_SMTP_URL; refuses with mail_not_configured when unset). */
  mailer: Mailer;
  staff: StaffModule;
  /** The audit log and its administrators' search and export. */
  audit: AuditModule;
  /** Retention periods, the daily privacy.apply-retention job, erasure on request (docs/privacy.md). */
  privacy: PrivacyModule;
  organisation: OrganisationModule;
  surveys: SurveysModule;
  intake: IntakeModule;
  webSurvey: WebSurveyModule;
  responses: ResponsesService;
  feedback: FeedbackModule;
  open311: Open311Module;
  entry: EntryModule;
  homeCare: HomeCareModule;
  chat: ChatModule;
  inbox: InboxModule;
  kiosk: KioskModule;
  /** SMS surveys tied to visits (docs/sms.md). */
  sms: SmsModule;
  /** The SMS gateway KUULO_SMS_GATEWAY selects (Kannel, HTTPS API), or undefined when none is configured. */
  smsGateway: SmsGateway | undefined;
  /** Figures from aggregates (suppressed), their maintenance and alerts. */
  insights: InsightsModule;
  /** Text analysis: themes, tone and key phrases of free text; corrections; emerging themes (docs/text-analysis.md). */
  analysis: AnalysisModule;
  /** Dashboards, exports, the national data set, public results and quarterly reviews (docs/dashboards.md). */
  reports: ReportsModule;
  /** Builds the HTTP app with every module's routes (not listening yet). */
  http(): Promise<HttpApp>;
  /** Flushes pending writes and stops background work; the caller closes the database. */
  stop(): Promise<void>;
}

export function composeKuulo(config: Config, database: Database, logger: Logger): Kuulo {
  const { db } = database;
  const audit = createAuditLog(db);
  const jobs = createJobQueue(db, logger);
  const mailer = createMailer(config, logger);
  // One Chromium-backed PDF renderer for every printable document (reviews, paper forms); launched per document.
  const pdf = createChromiumPdfRenderer({ executablePath: config.chromiumPath });
  const dataKey = loadDataKey({ secret: config.secret, dataDir: config.dataDir });
  const staff = createStaffModule({ db, config, audit, hashKey: dataKey, logger });
  const auditModule = createAuditModule({ db, log: audit, auth: staff.auth });
  // Modules that own personal data add their RetentionTarget / ErasureTarget to privacy.service here.
  const privacy = createPrivacyModule({ db, config, audit, auth: staff.auth, jobs, dataKey, logger });
  const organisation = createOrganisationModule({ db, auth: staff.auth, audit });
  const surveys = createSurveysModule({ db, organisation: organisation.service, auth: staff.auth, audit });
  const intake = createIntakeModule({
    db,
    config,
    logger,
    jobs,
    surveys: surveys.service,
    organisation: organisation.service,
    dataKey,
    engine: database.engine,
  });
  const webSurvey = createWebSurveyModule({
    db,
    config,
    intake: intake.service,
    surveys: surveys.service,
    organisation: organisation.service,
    auth: staff.auth,
  });
  const responses = createResponsesService({ db });
  const feedback = createFeedbackModule({
    db,
    organisation: organisation.service,
    audit,
    dataKey,
    publicUrl: config.publicUrl,
  });
  const inbox = createInboxModule({
    db,
    feedback: feedback.service,
    organisation: organisation.service,
    staff: staff.service,
    auth: staff.auth,
    audit,
    mailer,
    // Asked at send time (the SMS module is created below); none configured: SMS replies fail cleanly.
    sms: () => sms.gateway,
    jobs,
    logger,
    publicUrl: config.publicUrl,
  });
  feedback.service.onSubmit(inbox.service.onFeedbackSubmitted);
  for (const target of feedbackRetentionTargets(db)) privacy.service.registerRetentionTarget(target);
  privacy.service.registerErasureTarget(feedbackErasureTarget(db, dataKey));
  privacy.service.registerRetentionTarget({
    kind: 'free_text',
    name: 'inbox.notes_and_replies',
    purgeOlderThan: (cutoff) => inbox.purgeTextsOlderThan(cutoff),
  });
  const open311 = createOpen311Module({
    db,
    feedback: feedback.service,
    organisation: organisation.service,
    publicUrl: config.publicUrl,
    publicLog: (ids) => inbox.service.publicLog(ids),
  });
  const homeCare = createHomeCareModule({
    db,
    intake: intake.service,
    surveys: surveys.service,
    organisation: organisation.service,
    auth: staff.auth,
    minGroupSize: config.minGroupSize,
  });
  const entry = createEntryModule({
    renderPdf: (markup) => pdf.render(markup),
    db,
    intake: intake.service,
    surveys: surveys.service,
    organisation: organisation.service,
    auth: staff.auth,
  });
  const kiosk = createKioskModule({
    db,
    config,
    logger,
    jobs,
    intake: intake.service,
    surveys: surveys.service,
    organisation: organisation.service,
    links: webSurvey.links,
    auth: staff.auth,
    staff: staff.service,
    audit,
    mailer,
  });
  const insights = createInsightsModule({
    db,
    logger,
    jobs,
    organisation: organisation.service,
    surveys: surveys.service,
    auth: staff.auth,
    staff: staff.service,
    minGroupSize: config.minGroupSize,
    mailer,
    publicUrl: config.publicUrl,
  });
  insights.registerJobs();
  const morphology = lazyVoikko();
  const analysis = createAnalysisModule({
    db,
    logger,
    jobs,
    auth: staff.auth,
    organisation: organisation.service,
    minGroupSize: config.minGroupSize,
    morphology,
    detectLanguage,
    ...(config.analysisLlmUrl
      ? {
          textProvider: createOpenAiCompatibleProvider({
            baseUrl: config.analysisLlmUrl,
            model: config.analysisLlmModel,
            ...(config.analysisLlmApiKey ? { apiKey: config.analysisLlmApiKey } : {}),
          }),
        }
      : {}),
    // Loaded on first use (ONNX runtime and model), so start-up stays fast.
    ...(config.analysisEmbeddingsDir ? { embedder: lazySentenceEmbedder(config.analysisEmbeddingsDir) } : {}),
  });
  analysis.registerJobs();
  const reports = createReportsModule({
    db,
    insights: insights.service,
    organisation: organisation.service,
    surveys: surveys.service,
    responses,
    auth: staff.auth,
    audit,
    pdf,
    publicUrl: config.publicUrl,
    embedAncestors: config.embedAncestors,
  });
  // Text analysis fills the review's themes section; until then it says the section is not available.
  reports.quarterly.registerSection(themesSection(analysis.views));
  reports.dashboard.registerThemes(themesPanel(analysis.views));
  // The inbox fills "Handled open feedback" and "Formal objections" (items redirected to the objection process).
  for (const section of inbox.quarterlySections) reports.quarterly.registerSection(section);
  const sms = createSmsModule({
    db,
    config,
    logger,
    dataKey,
    intake: intake.service,
    surveys: surveys.service,
    organisation: organisation.service,
    auth: staff.auth,
    audit,
  });
  const chat = createChatModule({
    db,
    organisation: organisation.service,
    auth: staff.auth,
    dataKey,
    minGroupSize: config.minGroupSize,
    // Chat systems use the same integration keys as visit-event senders (kuulo sms create-key).
    authenticate: (key) => sms.service.authenticate(key),
  });

  return {
    config,
    database,
    logger,
    jobs,
    mailer,
    staff,
    audit: auditModule,
    privacy,
    organisation,
    surveys,
    intake,
    webSurvey,
    responses,
    feedback,
    open311,
    entry,
    homeCare,
    chat,
    inbox,
    kiosk,
    sms,
    smsGateway: sms.gateway,
    insights,
    analysis,
    reports,
    http: () =>
      buildHttpApp({
        logger,
        trustProxy: config.trustProxy,
        rootHooks: [staff.auth.register],
        routes: [
          staff.routes,
          auditModule.routes,
          privacy.routes,
          organisation.routes,
          surveys.routes,
          intake.routes,
          webSurvey.routes,
          feedback.routes,
          open311.routes,
          entry.routes,
          homeCare.routes,
          chat.routes,
          inbox.routes,
          kiosk.routes,
          sms.routes,
          insights.routes,
          analysis.routes,
          reports.routes,
        ],
      }),
    async stop() {
      await jobs.stop();
      await sms.dispatcher.stop();
      await intake.service.close();
      await mailer.close();
      morphology.close();
    },
  };
}
