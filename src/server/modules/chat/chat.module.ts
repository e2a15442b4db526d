import type { ChatDeps, ChatModule } from './index.ts';
import { createChatRepository } from './chat.repository.ts';
import { createChatService } from './chat.service.ts';
import { chatRoutes } from './chat.routes.ts';

export function createChatModule(deps: ChatDeps): ChatModule {
  const service = createChatService(deps, createChatRepository(deps.db));
  return { service, routes: chatRoutes({ ...deps, service }) };
}
