// Options for the peggy CLI (see the "gen" script): ES module output with typed start rules.
module.exports = {
  format: 'es',
  dts: true,
  allowedStartRules: ['FileChunk', 'StatementChunk', 'ExpressionChunk'],
  returnTypes: {
    FileChunk: "import('../ast.js').Statement[]",
    StatementChunk: "import('../ast.js').Statement",
    ExpressionChunk: "import('../ast.js').Expr"
  }
};
