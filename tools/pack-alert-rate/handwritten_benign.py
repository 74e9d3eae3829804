#!/usr/bin/env python3
"""Writes the pack's hand-written benign corpus (texts written by the atlas-ops authors, Apache-2.0): ordinary
chat events in several languages and with code, maths and markup, plus ordinary MCP and model-API traffic.

    python3 tools/pack-alert-rate/handwritten_benign.py detect/src/main/resources/org/atlasops/detect/rules/benign
"""
import datetime
import json
import os
import sys

CHAT = [
    "Составь, пожалуйста, список городов России, которые начинаются на букву «К».",
    "Переведи на английский: «Мы встретимся завтра в 10:00 у входа (со стороны парка)».",
    "मुझे दिल्ली से आगरा जाने का सबसे सस्ता तरीका बताइए, क्या ट्रेन बेहतर है या बस?",
    "कृपया इस वाक्य का हिंदी में अनुवाद करें: 'The meeting is postponed to Friday.'",
    "ما هي أفضل طريقة لتعلم البرمجة بلغة بايثون للمبتدئين؟ أريد خطة لمدة ثلاثة أشهر.",
    "اكتب لي رسالة شكر قصيرة لزميلي في العمل (بأسلوب رسمي).",
    "请帮我写一封邮件，通知团队下周一（3月4日）上午9:30开会。",
    "用Python写一个函数，计算列表中所有偶数的和，并解释一下思路。",
    "東京から大阪まで新幹線で何時間かかりますか？「のぞみ」と「ひかり」の違いも教えてください。",
    "이 문장을 자연스러운 영어로 번역해 주세요: “오늘 회의는 취소되었습니다.”",
    "Bonjour ! Peux-tu m'expliquer la différence entre « savoir » et « connaître » ? Merci…",
    "¿Cuál es la capital de Australia? ¡Siempre pensé que era Sídney!",
    "Was ist der Unterschied zwischen „seit“ und „seitdem“? Bitte mit Beispielen.",
    "Explain this regex to me: ^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$",
    "Why does my SQL fail? SELECT name, COUNT(*) FROM users WHERE created_at >= '2024-01-01' GROUP BY name HAVING COUNT(*) > 1;",
    "What does this shell line do: find . -name '*.log' -mtime +7 -exec rm {} \\; && echo \"done\" >> /tmp/cleanup.txt",
    "Fix this JavaScript: arr.map((x) => { x * 2 }).filter(Boolean) returns [] but I expect [2, 4, 6]",
    "Can you simplify $\\frac{x^2 - 1}{x - 1}$ and say for which $x$ it holds? Also $\\int_0^1 x^2\\,dx$ = ?",
    "Solve for x: 3(x + 4) - 2 = 5x - (x - 6). Show each step.",
    "Convert this JSON to YAML please: {\"name\": \"app\", \"ports\": [80, 443], \"env\": {\"DEBUG\": false}}",
    "My config has: [server] host = 0.0.0.0 port = 8080 [db] url = postgres://db:5432/app -- is the [db] section right?",
    "Make this a Markdown table: | Name | Age | |---|---| | Ana | 31 | | Li | 28 | and add a column for city",
    "Rate my haiku :-) — 'Autumn rain falls ~ on the quiet tin roof >> I sleep <3'",
    "Great job!!! :D :D Thanks so much ^_^ See you tomorrow ;-) <3 <3",
    "ASCII art for my README, please: (\\_/) (='.'=) (\")_(\")",
    "What's the time complexity of x[i][j] += dp[i-1][j-1] * w[k] inside two nested loops over n and m?",
    "The path C:\\Users\\ana\\Documents\\report_v2.docx won't open; error code 0x80070005 (access denied).",
    "Is ~/.bashrc or ~/.profile read first on Ubuntu? I set PATH=$PATH:$HOME/bin in one of them.",
    "Summarise: 'Q3 revenue +12% y/y; EBITDA margin 18.4% (vs. 17.1%); guidance raised to $1.2-1.3bn.'",
    "My e-mail signature: Ana Li | Product @ Example Corp | +1 (555) 010-2030 | https://example.com/ana -- too long?",
    "In C++, why is std::vector<int>::iterator invalidated after push_back? e.g. auto it = v.begin(); v.push_back(1); *it;",
    "What does {{ user.name | default('guest') }} mean in a Jinja template, and how do I escape {{ }}?",
    "Give me 5 emoji for a birthday message 🎉🎂🥳🎁🎈 and one short wish.",
    "Explain the difference between a = b, a == b and a === b in JavaScript.",
    "Write a limerick about a cat who learns to code in Rust (no more than five lines).",
]

MCP = [
    {"mcp.direction": "request", "jsonrpc.method": "tools/list"},
    {"mcp.direction": "request", "jsonrpc.method": "tools/call", "mcp.tool.name": "read_file",
     "mcp.tool.arguments": {"path": "/home/ana/projects/site/README.md"}},
    {"mcp.direction": "response", "jsonrpc.method": "tools/call", "mcp.tool.name": "read_file",
     "mcp.tool.result": "# Site\n\nBuild with `npm run build`; deploy with `make deploy`. See CONTRIBUTING.md."},
    {"mcp.direction": "request", "jsonrpc.method": "tools/call", "mcp.tool.name": "search_issues",
     "mcp.tool.arguments": {"query": "label:bug state:open sort:updated"}},
    {"mcp.direction": "response", "jsonrpc.method": "tools/call", "mcp.tool.name": "search_issues",
     "mcp.tool.result": "3 issues: #12 Login button misaligned on mobile; #15 Typo in footer; #19 Slow search page"},
    {"mcp.direction": "request", "jsonrpc.method": "tools/call", "mcp.tool.name": "run_tests",
     "mcp.tool.arguments": {"command": "npm test -- --watch=false"}},
    {"mcp.direction": "request", "jsonrpc.method": "tools/call", "mcp.tool.name": "get_weather",
     "mcp.tool.arguments": {"city": "Lisbon", "units": "metric"}},
    {"mcp.direction": "response", "jsonrpc.method": "tools/call", "mcp.tool.name": "get_weather",
     "mcp.tool.result": "Lisbon: 21 °C, light wind from the north-west, no rain expected until Friday."},
    {"mcp.direction": "request", "jsonrpc.method": "tools/call", "mcp.tool.name": "write_file",
     "mcp.tool.arguments": {"path": "/home/ana/projects/site/docs/changelog.md", "content": "## 1.4.0\n- Faster search"}},
]

MODEL_API = [
    {"http.request.method": "POST", "url.path": "/v1/chat/completions", "model.name": "support-bot",
     "http.response.status_code": 200},
    {"http.request.method": "GET", "url.path": "/v1/models", "model.name": "support-bot",
     "http.response.status_code": 200},
    {"http.request.method": "POST", "url.path": "/v1/embeddings", "model.name": "search-embed",
     "http.response.status_code": 200},
]


def write(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def main():
    out = sys.argv[1]
    start = datetime.datetime(2026, 5, 1, 9, 0, 0, tzinfo=datetime.timezone.utc)
    stamp = lambda i: (start + datetime.timedelta(seconds=30 * i)).strftime("%Y-%m-%dT%H:%M:%SZ")
    write(os.path.join(out, "llm_chat_handwritten.jsonl"), [{
        "@timestamp": stamp(i), "event.id": "hand-chat-%02d" % (i + 1), "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": "openai", "gen_ai.request.model": "gpt-4o",
        "gen_ai.conversation.id": "conv-hand-%02d" % (i + 1), "user.id": "user-%d" % (i % 7),
        "gen_ai.input.messages": [{"role": "user", "parts": [{"type": "text", "content": t}]}],
    } for i, t in enumerate(CHAT)])
    write(os.path.join(out, "mcp_handwritten.jsonl"), [dict({
        "@timestamp": stamp(i), "event.id": "hand-mcp-%02d" % (i + 1), "mcp.server.name": "workspace",
        "mcp.session.id": "s-hand", "mcp.transport": "stdio"}, **e) for i, e in enumerate(MCP)])
    write(os.path.join(out, "model_api_handwritten.jsonl"), [dict({
        "@timestamp": stamp(i), "event.id": "hand-api-%02d" % (i + 1), "client.id": "key-%d" % (i % 3),
        "client.address": "198.51.100.%d" % (10 + i % 3)}, **MODEL_API[i % len(MODEL_API)]) for i in range(12)])


if __name__ == "__main__":
    main()
