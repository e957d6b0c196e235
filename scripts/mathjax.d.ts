// The small part of MathJax 4's Node entry point (`@mathjax/src`, untyped) that the typesetting step uses.
declare module '@mathjax/src' {
  interface LiteAdaptor {
    firstChild(node: unknown): unknown;
    serializeXML(node: unknown): string;
  }
  const MathJax: {
    init(config: Record<string, unknown>): Promise<void>;
    tex2svgPromise(latex: string, options?: { display?: boolean }): Promise<unknown>;
    startup: { adaptor: LiteAdaptor };
  };
  export default MathJax;
}
