// "Print or save as PDF" (src/astro/components/PrintControl.astro): opens the browser's print
// dialog. Without this script the same link shows how to print with the browser's command.
(function () {
  'use strict';
  function print(event) {
    if (event) event.preventDefault();
    window.print();
  }
  var links = document.querySelectorAll('a.print-control[href="#print"]');
  for (var i = 0; i < links.length; i++) links[i].addEventListener('click', print);
  var hint = document.getElementById('print');
  if (hint) hint.hidden = true;
  // Arriving from the policy page's control (…/#print): print once the page has loaded.
  if (location.hash === '#print') {
    history.replaceState(null, '', location.pathname + location.search);
    window.addEventListener('load', function () { print(); });
  }
})();
