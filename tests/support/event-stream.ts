/**
 * Opens a server-sent event stream (the inbox's `/api/inbox/events`) with a session cookie and
 * reads it as it arrives: `until(needle)` waits for some text to have come, `text()` is all of it.
 */
export async function openEventStream(url: string, cookie: string) {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { cookie }, signal: controller.signal });
  const reader = response.body!.getReader();
  let text = "";
  return {
    response,
    text: () => text,
    async until(needle: string, ms = 5000) {
      const deadline = Date.now() + ms;
      while (!text.includes(needle)) {
        if (Date.now() > deadline) throw new Error(`no "${needle}" in ${JSON.stringify(text)}`);
        const { value, done } = await reader.read();
        if (done) throw new Error("stream ended");
        text += new TextDecoder().decode(value);
      }
    },
    close: () => controller.abort(),
  };
}
