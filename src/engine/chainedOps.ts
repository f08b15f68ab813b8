/**
 * Registers tfjs "chained ops" (tensor.flatten(), tensor.add(), …) on the Tensor prototype.
 *
 * Why not `import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops'`? That
 * file is ES-module only, which Jest (CommonJS) cannot load, and without chained ops the layers
 * LSTM's orthogonal initializer throws `flatten is not a function` (NOTES.md). This mirrors that
 * file exactly: every method calls the op of the same name with `this` first, plus the few with
 * special shapes below. Methods already present (registered elsewhere) are left alone.
 */
import * as tf from '@tensorflow/tfjs-core';

type AnyFn = (...args: unknown[]) => unknown;

const SAME_NAME = (
  'abs acos acosh add all any argMax argMin asin asinh atan atan2 atanh batchNorm batchToSpaceND broadcastTo cast ceil ' +
  'clipByValue conv1d conv2d cos cosh cumprod cumsum depthToSpace div divNoNan dot elu equal erf euclideanNorm exp ' +
  'expandDims expm1 fft floor floorDiv gather greater greaterEqual ifft irfft isFinite isInf isNaN leakyRelu less ' +
  'lessEqual log log1p logSigmoid logSoftmax logSumExp logicalAnd logicalNot logicalOr logicalXor matMul max maximum ' +
  'mean min minimum mirrorPad mod mul neg norm notEqual oneHot onesLike pad pool pow prelu prod reciprocal relu relu6 ' +
  'reshape reverse rfft round rsqrt selu sigmoid sign sin sinh slice softmax softplus spaceToBatchND split sqrt square ' +
  'squaredDifference squeeze step stridedSlice sub sum tan tanh tile topk transpose unique unstack zerosLike'
).split(' ');

export function registerChainedOps(): void {
  const proto = tf.Tensor.prototype as unknown as Record<string, unknown>;
  const ops = tf as unknown as Record<string, AnyFn>;
  const define = (name: string, impl: (self: tf.Tensor, ...args: unknown[]) => unknown) => {
    if (typeof proto[name] === 'function') {
      return;
    }
    proto[name] = function (this: tf.Tensor, ...args: unknown[]) {
      (this as unknown as { throwIfDisposed(): void }).throwIfDisposed();
      return impl(this, ...args);
    };
  };
  for (const name of SAME_NAME) {
    const op = ops[name];
    if (typeof op === 'function') {
      define(name, (self, ...args) => op(self, ...args));
    }
  }
  define('flatten', (self) => tf.reshape(self, [self.size]));
  define('as1D', (self) => tf.reshape(self, [self.size]));
  define('asScalar', (self) => tf.reshape(self, []));
  for (const [name, rank] of [
    ['as2D', 2],
    ['as3D', 3],
    ['as4D', 4],
    ['as5D', 5],
  ] as const) {
    define(name, (self, ...dims) => tf.reshape(self, (dims as number[]).slice(0, rank)));
  }
  define('asType', (self, dtype) => tf.cast(self, dtype as tf.DataType));
  define('toBool', (self) => tf.cast(self, 'bool'));
  define('toFloat', (self) => tf.cast(self, 'float32'));
  define('toInt', (self) => tf.cast(self, 'int32'));
  define('reshapeAs', (self, x) => tf.reshape(self, (x as tf.Tensor).shape));
  define('concat', (self, x, axis) =>
    tf.concat([self, ...(x instanceof tf.Tensor ? [x] : (x as tf.Tensor[]))], axis as number)
  );
  define('stack', (self, x, axis) =>
    tf.stack(x instanceof tf.Tensor ? [self, x] : [self, ...(x as tf.Tensor[])], axis as number)
  );
  define('where', (self, condition, x) => tf.where(condition as tf.Tensor, self, x as tf.Tensor));
}
