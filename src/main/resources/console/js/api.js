// The Step Functions API over AWS JSON 1.0, as the SDKs call it: POST / with X-Amz-Target.
// The base URL is this page's origin unless the settings name another (a deployed API).

const SETTING = 'stepwise.console.apiBase';

export function apiBase() {
  return localStorage.getItem(SETTING) || `${location.origin}/`;
}

export function setApiBase(url) {
  if (url && url.trim()) localStorage.setItem(SETTING, url.trim());
  else localStorage.removeItem(SETTING);
}

/** An error answer of the API: the AWS error code (__type) and its message. */
export class ApiError extends Error {
  constructor(code, message, status) {
    super(message ? `${code}: ${message}` : code);
    this.code = code;
    this.apiMessage = message;
    this.status = status;
  }
}

export async function call(action, body = {}) {
  let response;
  try {
    response = await fetch(apiBase(), {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.0',
        'X-Amz-Target': `AWSStepFunctions.${action}`,
      },
      body: JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError('NetworkError', `${apiBase()} did not answer (${e.message})`, 0);
  }
  const text = await response.text();
  let json = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    json = { message: text };
  }
  if (!response.ok) {
    // The code is the part of __type after '#' (some services prefix a namespace).
    const type = String(json.__type ?? response.headers.get('X-Amzn-ErrorType') ?? `HTTP ${response.status}`);
    throw new ApiError(type.split('#').pop().split(':')[0], json.message ?? json.Message ?? '', response.status);
  }
  return json;
}

/** Every page of a paginated action's list member, up to {@code limit} items. */
export async function all(action, body, member, limit = 1000) {
  const items = [];
  let nextToken;
  do {
    const page = await call(action, { ...body, ...(nextToken ? { nextToken } : {}) });
    items.push(...(page[member] ?? []));
    nextToken = page.nextToken;
  } while (nextToken && items.length < limit);
  return items;
}
