#include "reporters/html_assets.h"

namespace clause {

const std::string_view kHtmlReportCss = R"CSS(
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#f6f8fa;--card:#fff;--accent:#0b5cad;
--fail:#b42318;--fail-bg:#fde8e7;--unknown:#9a5b00;--unknown-bg:#fff3d6;--pass:#1a7f37;--pass-bg:#dcf5e3;
--na:#6e7781;--na-bg:#eef1f4;--critical:#7a1010;--high:#c62828;--medium:#c75c00;--low:#8a6d00;--info:#1f5fa8}
*{box-sizing:border-box}
html{font-size:14px}
body{margin:0;color:var(--fg);background:var(--bg);font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif;line-height:1.45}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,"Liberation Mono",monospace;font-size:.92em}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
header.top{background:#0d1b2a;color:#fff;padding:18px 28px;display:flex;align-items:center;gap:16px}
header.top svg{flex:none}
header.top h1{font-size:1.45rem;margin:0;font-weight:600;letter-spacing:.2px}
header.top p{margin:2px 0 0;color:#b8c4d0;font-size:.92rem}
main{max-width:1480px;margin:0 auto;padding:20px 28px 40px}
h2{font-size:1.15rem;margin:28px 0 10px;font-weight:600}
h3{font-size:1.05rem;margin:0}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(210px,1fr));gap:12px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 16px}
.card .k{color:var(--muted);font-size:.82rem;text-transform:uppercase;letter-spacing:.5px}
.card .v{font-size:1.7rem;font-weight:600;margin:2px 0 6px}
.card .d{color:var(--muted);font-size:.88rem}
.bar{display:block;width:100%;height:10px;border-radius:5px;overflow:hidden}
.chips{display:flex;flex-wrap:wrap;gap:6px}
.chip{display:inline-block;border-radius:10px;padding:1px 8px;font-size:.8rem;font-weight:600;border:1px solid transparent;white-space:nowrap}
.sev{display:inline-block;min-width:62px;text-align:center;border-radius:4px;padding:1px 6px;font-size:.78rem;font-weight:700;color:#fff;text-transform:uppercase;letter-spacing:.3px}
.sev.critical{background:var(--critical)}.sev.high{background:var(--high)}.sev.medium{background:var(--medium)}
.sev.low{background:var(--low)}.sev.info{background:var(--info)}.sev.suppressed{background:var(--na)}
.sev.zero{opacity:.3}
.st{display:inline-block;border-radius:4px;padding:0 6px;font-size:.78rem;font-weight:700;text-transform:uppercase}
.st.fail{color:var(--fail);background:var(--fail-bg)}.st.unknown{color:var(--unknown);background:var(--unknown-bg)}
.st.pass{color:var(--pass);background:var(--pass-bg)}.st.na{color:var(--na);background:var(--na-bg)}
.filters{position:sticky;top:0;z-index:5;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 14px;margin-top:18px;display:flex;flex-wrap:wrap;align-items:center;gap:14px 20px;box-shadow:0 1px 3px rgba(0,0,0,.06)}
.filters fieldset{border:0;margin:0;padding:0;display:flex;align-items:center;gap:8px}
.filters legend,.filters .lbl{float:left;font-weight:600;font-size:.85rem;color:var(--muted);margin-right:4px}
.filters label{font-size:.88rem;display:inline-flex;align-items:center;gap:3px;cursor:pointer}
.filters select,.filters input[type=search]{font:inherit;font-size:.88rem;padding:3px 6px;border:1px solid var(--line);border-radius:5px;background:#fff}
.filters button{font:inherit;font-size:.85rem;padding:3px 10px;border:1px solid var(--line);border-radius:5px;background:var(--bg);cursor:pointer}
#shown{margin-left:auto;color:var(--muted);font-size:.88rem}
.legend{display:flex;gap:14px;font-size:.85rem;color:var(--muted);margin:0 0 8px}
.tablewrap{overflow-x:auto;background:var(--card);border:1px solid var(--line);border-radius:8px}
table.matrix{border-collapse:separate;border-spacing:0;width:100%;font-size:.86rem}
table.matrix th,table.matrix td{border-bottom:1px solid var(--line);padding:6px 4px;text-align:center}
table.matrix thead th{position:sticky;top:0;background:#f0f3f6;font-weight:600;vertical-align:bottom;min-width:62px}
table.matrix thead th small{display:block;font-weight:400;color:var(--muted);font-size:.72rem;line-height:1.15;margin-top:2px}
table.matrix th.root{text-align:left;padding-left:12px;min-width:220px;max-width:360px;position:sticky;left:0;background:var(--card);z-index:1;overflow-wrap:break-word}
table.matrix thead th.root{background:#f0f3f6;z-index:2}
table.matrix td{font-weight:600;cursor:pointer}
table.matrix td a{color:inherit;display:block}
table.matrix td.fail{color:var(--fail);background:var(--fail-bg)}
table.matrix td.unknown{color:var(--unknown);background:var(--unknown-bg)}
table.matrix td.pass{color:var(--pass);background:var(--pass-bg)}
table.matrix td.na{color:var(--na);background:var(--na-bg);font-weight:400}
table.matrix td.sel,table.matrix th.sel{box-shadow:inset 0 0 0 2px var(--accent)}
table.matrix tfoot th,table.matrix tfoot td{background:#f0f3f6;font-weight:600;font-size:.78rem;cursor:default}
.root-block{background:var(--card);border:1px solid var(--line);border-radius:8px;margin:12px 0;padding:12px 16px}
.root-block header{display:flex;align-items:baseline;gap:10px;flex-wrap:wrap;margin-bottom:8px}
.root-block header .path{color:var(--muted);font-size:.85rem}
.note{background:#fff8e1;border:1px solid #f1d98c;border-radius:6px;padding:6px 10px;font-size:.88rem;margin:6px 0}
.empty{color:var(--muted);font-style:italic;margin:4px 0}
details.f{border-top:1px solid var(--line)}
details.f>summary{list-style:none;cursor:pointer;padding:7px 4px;display:grid;grid-template-columns:78px 84px minmax(160px,28%) 1fr;gap:10px;align-items:baseline}
details.f>summary::-webkit-details-marker{display:none}
details.f>summary:hover{background:var(--bg)}
details.f .l{color:var(--muted);overflow-wrap:anywhere}
details.f .m{overflow-wrap:anywhere}
details.f .b{padding:4px 8px 12px 96px}
details.f .b p{margin:4px 0}
pre.src{background:#f6f8fa;border:1px solid var(--line);border-radius:6px;padding:6px 10px;overflow-x:auto;margin:6px 0;white-space:pre;tab-size:4}
pre.src i{font-style:normal;color:var(--muted);display:inline-block;min-width:3.2em;padding-right:10px;text-align:right;user-select:none}
pre.src mark{background:#ffe28a;border-radius:2px}
.why{color:var(--muted);font-size:.88rem}
details.rule{background:var(--card);border:1px solid var(--line);border-radius:8px;margin:8px 0}
details.rule>summary{cursor:pointer;padding:8px 14px;font-weight:600}
details.rule .md{padding:0 18px 12px;border-top:1px solid var(--line)}
.md pre{background:#f6f8fa;border:1px solid var(--line);border-radius:6px;padding:8px 10px;overflow-x:auto}
.md table{border-collapse:collapse}.md th,.md td{border:1px solid var(--line);padding:3px 8px}
.md h3{font-size:1.1rem;margin:12px 0 6px}.md h4{font-size:1rem;margin:12px 0 4px}
.md blockquote{margin:6px 0;padding:2px 12px;border-left:3px solid var(--line);color:var(--muted)}
details.diag{margin-top:8px;font-size:.88rem}
details.diag ul{margin:4px 0;padding-left:20px}
footer{max-width:1480px;margin:0 auto;padding:0 28px 30px;color:var(--muted);font-size:.82rem}
[hidden]{display:none!important}
@media print{
 html{font-size:11px}body{background:#fff}
 header.top{background:#fff;color:#000;border-bottom:2px solid #000;padding:8px 0}
 header.top p{color:#333}
 main{max-width:none;padding:0}
 .no-print,.filters{display:none!important}
 .tablewrap{overflow:visible;border:0}
 table.matrix thead th{position:static}
 table.matrix th.root{position:static;min-width:120px}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 .root-block,details.rule{break-inside:auto;border:0;padding:0}
 details.f{break-inside:avoid}
 a{color:inherit}
}
)CSS";

const std::string_view kHtmlReportJs = R"JS(
(function(){
'use strict';
var SEVS=['critical','high','medium','low','info'];
var state={sev:SEVS.slice(),sc:'',root:'',q:'',sup:false};
function $(s,c){return (c||document).querySelector(s);}
function $$(s,c){return Array.prototype.slice.call((c||document).querySelectorAll(s));}
// Filters live in the URL fragment ("#f:sev=high,critical;sc=5.9;root=2"), so
// a view can be bookmarked or linked.
function readHash(){
  var h=decodeURIComponent(location.hash||'');
  if(h.indexOf('#f:')!==0)return false;
  h.slice(3).split(';').forEach(function(kv){
    var i=kv.indexOf('=');if(i<0)return;
    var k=kv.slice(0,i),v=kv.slice(i+1);
    if(k==='sev')state.sev=v.split(',').filter(function(s){return SEVS.indexOf(s)>=0;});
    else if(k==='sc')state.sc=v;
    else if(k==='root')state.root=v;
    else if(k==='q')state.q=v;
    else if(k==='sup')state.sup=v==='1';
  });
  return true;
}
function writeHash(){
  var parts=[];
  if(state.sev.length!==SEVS.length)parts.push('sev='+state.sev.join(','));
  if(state.sc)parts.push('sc='+state.sc);
  if(state.root)parts.push('root='+state.root);
  if(state.q)parts.push('q='+encodeURIComponent(state.q));
  if(state.sup)parts.push('sup=1');
  var h=parts.length?'#f:'+parts.join(';'):' ';
  if(history.replaceState)history.replaceState(null,'',h===' '?location.pathname+location.search:h);
}
function syncControls(){
  $$('input[data-sev]').forEach(function(b){b.checked=state.sev.indexOf(b.getAttribute('data-sev'))>=0;});
  var s=$('#f-sc');if(s)s.value=state.sc;
  var r=$('#f-root');if(r)r.value=state.root;
  var q=$('#f-q');if(q)q.value=state.q;
  var u=$('#f-sup');if(u)u.checked=state.sup;
}
function apply(){
  var shown=0,total=0,rendered=0,q=state.q.toLowerCase();
  $$('details.f').forEach(function(f){
    total++;
    var sup=f.hasAttribute('data-suppressed');
    if(!sup||state.sup)rendered++;
    var ok=(sup?state.sup:state.sev.indexOf(f.getAttribute('data-sev'))>=0)&&
      (!state.sc||f.getAttribute('data-sc')===state.sc)&&
      (!state.root||f.getAttribute('data-root')===state.root)&&
      (!q||f.textContent.toLowerCase().indexOf(q)>=0);
    f.hidden=!ok;if(ok)shown++;
  });
  $$('section.root-block').forEach(function(s){
    var r=s.getAttribute('data-root');
    s.hidden=!!state.root&&r!==state.root;
    var any=$$('details.f',s).some(function(f){return !f.hidden;});
    var e=$('.nomatch',s);if(e)e.hidden=any||!$('details.f',s);
  });
  $$('table.matrix tbody tr').forEach(function(tr){
    tr.hidden=!!state.root&&tr.getAttribute('data-root')!==state.root;
  });
  $$('table.matrix [data-sc]').forEach(function(c){
    c.classList.toggle('sel',!!state.sc&&c.getAttribute('data-sc')===state.sc);
  });
  // The report's own counts: findings beyond the per-root cap are not on the page.
  var n=$('#shown'),all=total;
  if(n){all=+n.getAttribute('data-findings')+(state.sup?+n.getAttribute('data-suppressed'):0);
    n.textContent=shown+' of '+all+' findings shown'+(rendered<all?' ('+(all-rendered)+' not on this page: see the JSON or SARIF output)':'');}
  document.documentElement.setAttribute('data-filtered',shown===all?'no':'yes');
}
function changed(){syncControls();apply();writeHash();}
function openTarget(){
  var id=decodeURIComponent((location.hash||'').slice(1));
  if(!id||id.indexOf('f:')===0)return;
  var t=document.getElementById(id);
  if(t&&t.tagName==='DETAILS')t.open=true;
}
document.addEventListener('DOMContentLoaded',function(){
  $$('input[data-sev]').forEach(function(b){b.addEventListener('change',function(){
    state.sev=$$('input[data-sev]').filter(function(x){return x.checked;}).map(function(x){return x.getAttribute('data-sev');});
    changed();});});
  var s=$('#f-sc');if(s)s.addEventListener('change',function(){state.sc=s.value;changed();});
  var r=$('#f-root');if(r)r.addEventListener('change',function(){state.root=r.value;changed();});
  var q=$('#f-q');if(q)q.addEventListener('input',function(){state.q=q.value;changed();});
  var u=$('#f-sup');if(u)u.addEventListener('change',function(){state.sup=u.checked;changed();});
  var x=$('#f-reset');if(x)x.addEventListener('click',function(){state={sev:SEVS.slice(),sc:'',root:'',q:'',sup:false};changed();});
  $$("table.matrix tbody td[data-sc]").forEach(function(td){td.addEventListener('click',function(ev){
    ev.preventDefault();
    state.root=td.parentNode.getAttribute('data-root');state.sc=td.getAttribute('data-sc');changed();
    var t=document.getElementById('root-'+state.root);if(t&&t.scrollIntoView)t.scrollIntoView();
  });});
  window.addEventListener('hashchange',function(){if(readHash()){syncControls();apply();}else openTarget();});
  window.addEventListener('beforeprint',function(){$$('details').forEach(function(d){if(!d.hidden)d.open=true;});});
  readHash();syncControls();apply();openTarget();
});
})();
)JS";

const std::string_view kHtmlLogoSvg =
    R"SVG(<svg width="38" height="38" viewBox="0 0 38 38" role="img" aria-label="clause"><rect x="1" y="1" width="36" height="36" rx="8" fill="#1b6ac9"/><path d="M11 19.5l5 5 11-12" fill="none" stroke="#fff" stroke-width="3.4" stroke-linecap="round" stroke-linejoin="round"/></svg>)SVG";

}  // namespace clause
