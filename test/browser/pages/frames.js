// Frames every URL given as a `src` query parameter, as iframes frame-0, frame-1, ...: a
// clickjacking page would do the same with the provider's pages.
document.addEventListener('DOMContentLoaded', () => {
  new URLSearchParams(window.location.search).getAll('src').forEach((src, index) => {
    const frame = document.createElement('iframe');
    frame.id = `frame-${index}`;
    frame.src = src;
    document.body.append(frame);
  });
});
