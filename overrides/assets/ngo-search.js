/* The site's search dialog (overrides/partials/ngo-search.html). Nothing of the search
   index is loaded with the page: the first opening loads the dialog's styles, Pagefind's
   script and then only the index chunks and result fragments that each query needs.
   Without JavaScript the header button stays hidden and the pages are unaffected. */
(function () {
  "use strict";
  var PAGE = 5; // results shown at once; each shown result loads its own fragment

  var opener = document.querySelector("[data-ngo-search-open]");
  var dialog = document.getElementById("ngo-search");
  if (!opener || !dialog || typeof dialog.showModal !== "function") { return; }
  var input = dialog.querySelector("input[type=search]");
  var status = dialog.querySelector(".ngo-search__status");
  var list = dialog.querySelector(".ngo-search__results");
  var root = new URL(dialog.dataset.root, document.baseURI);
  var styled = null, pagefind = null, shown = 0, asked = 0;

  function fill(template, values) {
    return (template || "").replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? String(values[key]) : all;
    });
  }

  function loadStyle() {
    if (!styled) {
      styled = new Promise(function (resolve) {
        var link = document.createElement("link");
        link.rel = "stylesheet";
        link.href = dialog.dataset.style;
        link.onload = link.onerror = resolve;
        document.head.appendChild(link);
      });
    }
    return styled;
  }

  function loadPagefind() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (api) {
        // Result addresses are relative to the folder that was indexed: this build's root.
        return api.options({baseUrl: root.pathname, excerptLength: 24, noWorker: true}).then(function () {
          return api;
        });
      });
      pagefind.catch(function () { pagefind = null; });
    }
    return pagefind;
  }

  function open() {
    loadPagefind().catch(function () {});
    loadStyle().then(function () {
      if (!dialog.open) {
        dialog.showModal();
        input.focus();
        input.select();
      }
    });
  }

  /* Pagefind's excerpt is text with <mark> around the hits; only those two are kept. */
  function excerpt(html) {
    var p = document.createElement("p");
    p.className = "ngo-search__excerpt";
    var template = document.createElement("template");
    template.innerHTML = html;
    template.content.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(node.textContent));
      }
    });
    return p;
  }

  function resultItem(data) {
    var li = document.createElement("li");
    li.className = "ngo-search__result";
    var link = document.createElement("a");
    link.href = data.url;
    link.className = "ngo-search__link";
    var title = (data.meta && data.meta.title) || data.url;
    var section = data.meta && data.meta.section;
    // Two plans have pages of the same name: the plan's name tells them apart.
    link.textContent = section && title.indexOf(section) < 0 ? title + " – " + section : title;
    li.appendChild(link);
    li.appendChild(excerpt(data.excerpt || ""));
    // The page's sections that hold the words, when they are not the page itself.
    var subs = (data.sub_results || []).filter(function (sub) {
      return sub.url !== data.url && sub.title && sub.title !== title;
    }).slice(0, 3);
    if (subs.length) {
      var ul = document.createElement("ul");
      ul.className = "ngo-search__sections";
      subs.forEach(function (sub) {
        var item = document.createElement("li");
        var a = document.createElement("a");
        a.href = sub.url;
        a.textContent = sub.title;
        item.appendChild(a);
        ul.appendChild(item);
      });
      li.appendChild(ul);
    }
    return li;
  }

  function showMore(search, ask) {
    var next = search.results.slice(shown, shown + PAGE);
    shown += next.length;
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (datas) {
      if (ask !== asked) { return; }
      var old = list.querySelector(".ngo-search__more");
      if (old) { old.remove(); }
      var first = null;
      datas.forEach(function (data) {
        var li = resultItem(data);
        first = first || li.querySelector("a");
        list.appendChild(li);
      });
      if (shown < search.results.length) {
        var li = document.createElement("li");
        li.className = "ngo-search__more";
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = dialog.dataset.msgMore;
        button.addEventListener("click", function () {
          showMore(search, ask).then(function (firstNew) { if (firstNew) { firstNew.focus(); } });
        });
        li.appendChild(button);
        list.appendChild(li);
      }
      return first;
    });
  }

  function run() {
    var query = input.value.trim();
    var ask = ++asked;
    if (!query) {
      list.textContent = "";
      status.textContent = "";
      return;
    }
    status.textContent = dialog.dataset.msgLoading;
    loadPagefind().then(function (api) {
      return api.debouncedSearch(query, {}, 200);
    }).then(function (search) {
      if (search === null || ask !== asked) { return; } // a newer query took over
      list.textContent = "";
      shown = 0;
      var count = search.results.length;
      var key = count === 0 ? "msgNone" : count === 1 ? "msgOne" : "msgMany";
      return showMore(search, ask).then(function () {
        if (ask === asked) { status.textContent = fill(dialog.dataset[key], {count: count, query: query}); }
      });
    }).catch(function () {
      if (ask === asked) { status.textContent = dialog.dataset.msgFailed; }
    });
  }

  opener.hidden = false;
  opener.addEventListener("click", open);
  dialog.querySelector("[data-ngo-search-close]").addEventListener("click", function () { dialog.close(); });
  // A click on the backdrop (outside the dialog's box) closes it, as Esc does.
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) {
      var box = dialog.getBoundingClientRect();
      var inside = event.clientX >= box.left && event.clientX <= box.right &&
        event.clientY >= box.top && event.clientY <= box.bottom;
      if (!inside) { dialog.close(); }
    }
  });
  dialog.addEventListener("close", function () { opener.focus(); });
  dialog.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
    var link = list.querySelector("a");
    if (link) { link.focus(); }
  });
  input.addEventListener("input", run);
  // "/" opens the search, as on many sites, unless the reader is typing somewhere.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey && !dialog.open) {
      event.preventDefault();
      open();
    }
  });
})();
