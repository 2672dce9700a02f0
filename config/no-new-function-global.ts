import { RuntimeGlobals, type Compiler } from 'webpack';

/**
 * webpack 5's `__webpack_require__.g` helper falls back to `new Function('return this')`, which the mini-program
 * runtime forbids (and our bundle check rejects). Same lookup order, without code generation, and without `window`
 * (which the mini-program lacks, and check:weapp rejects): every browser without globalThis has `self`.
 */
export class NoNewFunctionGlobalPlugin {
  apply(compiler: Compiler): void {
    compiler.hooks.compilation.tap('NoNewFunctionGlobalPlugin', (compilation) => {
      compilation.hooks.runtimeModule.tap('NoNewFunctionGlobalPlugin', (module) => {
        if (module.name !== 'global') return;
        module.generate = () =>
          [
            `${RuntimeGlobals.global} = (function() {`,
            "\tif (typeof globalThis === 'object') return globalThis;",
            "\tif (typeof global === 'object') return global;",
            "\tif (typeof self === 'object') return self;",
            '})();',
          ].join('\n');
      });
    });
  }
}
