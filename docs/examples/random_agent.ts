// A gamehall contestant in TypeScript: plays its seat of any world with random legal commands.
//   npm install @modelcontextprotocol/sdk
//   gamehall run smoke --agent cmd:'npx tsx docs/examples/random_agent.ts'
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

type View = { done: boolean; awaiting_you: boolean; legal_actions: string[] };

const seatToken = process.env.GAMEHALL_SEAT_TOKEN!;
const bearer = process.env.GAMEHALL_TOKEN;
const transport = new StreamableHTTPClientTransport(new URL(process.env.GAMEHALL_MCP_URL!), {
  requestInit: bearer ? { headers: { Authorization: `Bearer ${bearer}` } } : {},
});
const client = new Client({ name: "random-agent", version: "1.0.0" });
await client.connect(transport);

async function call(tool: string, args: Record<string, unknown> = {}): Promise<View> {
  const result = await client.callTool({ name: tool, arguments: { seat_token: seatToken, ...args } });
  return result.isError ? call("observe") : (result.structuredContent as View);
}

let view = await call("observe");
while (!view.done) {
  const commands = view.legal_actions; // playable as listed (`say <text>` and such are in templates)
  if (view.awaiting_you && commands.length > 0) {
    view = await call("act", { command: commands[Math.floor(Math.random() * commands.length)] });
  } else if (view.awaiting_you) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    view = await call("observe");
  } else {
    view = await call("wait_for_turn", { timeout_s: 5 });
  }
}
await client.close();
