// What a social-posts output says, post by post: the composers' tests read the Markdown the way a
// person copying a post would (quote markers and Markdown escapes gone).

/** The posts under each platform heading, their quote markers and escapes removed. */
export function postsOf(markdown: string): Map<string, string[]> {
  const posts = new Map<string, string[]>();
  for (const section of markdown.split(/^## /m).slice(1)) {
    const [name, ...rest] = section.split("\n");
    if (name === "Sources") continue;
    const blocks = rest
      .join("\n")
      .split(/\n\nSource: .*\n?/)
      .filter((b) => b.includes(">"));
    posts.set(
      name!,
      blocks.map((b) =>
        b
          .split("\n")
          .filter((l) => l.startsWith(">"))
          .map((l) => l.replace(/^> ?/, "").replace(/\\([\\`*_[\]<>|])/g, "$1"))
          .join("\n")
          .trim(),
      ),
    );
  }
  return posts;
}
