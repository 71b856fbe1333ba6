// Hash routes: #/founder, #/advice/<startup id>, #/accelerator, #/corporate, #/explore, #/ecosystems/<cluster id>.
export const route = $state({ path: location.hash.slice(1) || '/' });
window.addEventListener('hashchange', () => (route.path = location.hash.slice(1) || '/'));
export const go = (path: string) => (location.hash = path);
