// The plot panel's browser app (bundled separately into dist/webview.js).
export {};
