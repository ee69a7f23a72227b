// Output bodies rendered as markdown (headings, lists, tables via GFM). Safe by construction:
// react-markdown builds React elements and never injects HTML (no rehype-raw), and its default URL
// transform drops javascript: links. Loaded lazily: it is ~40 KB gzipped the first pages never need.
import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";

export default function MarkdownPreview({ source }: { source: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        components={{
          a: ({ href, children }) => (
            <a href={href} target="_blank" rel="noopener noreferrer">
              {children}
            </a>
          ),
          table: ({ children }) => (
            <div className="table-scroll">
              <table>{children}</table>
            </div>
          ),
        }}
      >
        {source}
      </ReactMarkdown>
    </div>
  );
}
