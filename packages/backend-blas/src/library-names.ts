/**
 * Where a CBLAS may live on each platform, most wanted first: OpenBLAS under its usual
 * names (Debian's `libopenblas0-pthread` and `libopenblas0-openmp` both provide
 * `libopenblas.so.0`), then whatever provides the generic CBLAS/BLAS names, which Debian's
 * alternatives point at OpenBLAS when it is installed; on macOS, Accelerate.
 */
export function libraryNames(platform: string = process.platform, arch: string = process.arch): string[] {
  if (platform === 'darwin') {
    return [
      '/System/Library/Frameworks/Accelerate.framework/Accelerate',
      '/opt/homebrew/opt/openblas/lib/libopenblas.dylib',
      '/usr/local/opt/openblas/lib/libopenblas.dylib',
    ];
  }
  if (platform === 'win32') return ['libopenblas.dll', 'openblas.dll', 'cblas.dll'];
  const multiarch = { x64: 'x86_64-linux-gnu', arm64: 'aarch64-linux-gnu' }[arch];
  const debian = multiarch
    ? [`/usr/lib/${multiarch}/openblas-pthread/libopenblas.so.0`, `/usr/lib/${multiarch}/openblas-openmp/libopenblas.so.0`]
    : [];
  return ['libopenblas.so.0', 'libopenblas.so', ...debian, 'libcblas.so.3', 'libblas.so.3'];
}

/** What to tell someone whose machine has no CBLAS. */
export function installHint(platform: string = process.platform): string {
  if (platform === 'darwin') return 'Accelerate ships with macOS; or `brew install openblas`';
  if (platform === 'win32') return 'Put OpenBLAS\'s libopenblas.dll on the PATH';
  return 'Install OpenBLAS: `sudo apt-get install libopenblas0-pthread` (Debian, Ubuntu), `sudo dnf install openblas` (Fedora)';
}
