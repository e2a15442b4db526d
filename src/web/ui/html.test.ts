import { expect, test } from 'vitest';
import { attr, html, raw } from './html.ts';

test('interpolated text is escaped so user input cannot inject markup', () => {
  const name = '<script>alert("x")</script>';
  expect(html`<p>${name}</p>`.value).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>');
});

test('nested templates and arrays are not escaped twice', () => {
  const items = ['a&b', 'c'].map((x) => html`<li>${x}</li>`);
  expect(html`<ul>${items}</ul>`.value).toBe('<ul><li>a&amp;b</li><li>c</li></ul>');
});

test('null, undefined and booleans render as nothing; raw markup passes through', () => {
  expect(html`${null}${undefined}${false}${raw('<b>x</b>')}`.value).toBe('<b>x</b>');
});

test('attributes render only when their condition holds', () => {
  expect(html`<input ${attr('checked', true)} ${attr('value', true, '"q"')}>`.value).toBe(
    '<input checked value="&quot;q&quot;">',
  );
  expect(html`<input ${attr('checked', false)}>`.value).toBe('<input >');
});
