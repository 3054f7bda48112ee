// electron-builder `beforeBuild` hook. Resolving to false tells electron-builder that
// node_modules are handled elsewhere: it neither rebuilds nor packs them. Ours are: electron-vite
// bundles every dependency into out/main and out/preload, so the app needs only out/ (and the
// CLI's own dependencies, ws, commander…, and dev tools would otherwise bloat the installer).
module.exports = async function beforeBuild() {
  return false;
};
