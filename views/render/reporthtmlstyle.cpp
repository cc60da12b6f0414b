#include "reporthtmlstyle.h"

namespace atlas {

using namespace Qt::StringLiterals;

const QString &reportHtmlStyleSheet()
{
    static const QString css = uR"css(:root{--ink:#1c2430;--muted:#5b6675;--rule:#d9dee5;--rule-strong:#aab3bf;--accent:#1f3a5f;--zebra:#f5f7f9;--head:#eef1f5;--note-bg:#f7f4ea;--note-rule:#a68a3a;--nav-bg:#f4f6f8;color-scheme:light}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#fff;color:var(--ink);font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue","Noto Sans","Liberation Sans",Arial,sans-serif;font-variant-numeric:tabular-nums}
nav.toc{position:fixed;top:0;bottom:0;left:0;width:17rem;overflow-y:auto;padding:1.5rem 1rem 2rem 1.25rem;background:var(--nav-bg);border-right:1px solid var(--rule);font-size:13px;line-height:1.35}
nav.toc .toc-title{font-weight:600;text-transform:uppercase;letter-spacing:.08em;font-size:11px;color:var(--muted);margin:0 0 .75rem}
nav.toc ol{list-style:none;margin:0;padding:0}
nav.toc li{margin:.1rem 0}
nav.toc ol ol{margin:.1rem 0 .35rem .8rem}
nav.toc a{display:block;padding:.18rem .4rem;border-radius:3px;color:var(--ink);text-decoration:none}
nav.toc ol ol a{color:var(--muted);font-size:12px}
nav.toc a:hover,nav.toc a:focus{background:#e2e7ed}
main{margin-left:17rem;padding:2.5rem 3rem 4rem;max-width:88rem}
@media (max-width:60rem){nav.toc{position:static;width:auto;border-right:0;border-bottom:1px solid var(--rule)}main{margin-left:0;padding:1.5rem}}
.cover{border-bottom:3px solid var(--accent);padding-bottom:1.5rem;margin-bottom:2.5rem}
.kicker{margin:0 0 .6rem;font-size:12px;letter-spacing:.08em;text-transform:uppercase;color:var(--muted)}
.cover h1{margin:0 0 .5rem;font-size:2.1rem;line-height:1.2;font-weight:650;color:var(--accent)}
.cover .org{margin:0 0 .2rem;font-size:1.25rem}
.cover .asof{margin:0 0 1rem;color:var(--muted)}
.cover ul{list-style:none;margin:0;padding:0;font-size:13px;color:var(--muted)}
section{margin:0 0 3rem;scroll-margin-top:1rem}
h2{margin:0 0 1rem;padding-bottom:.35rem;border-bottom:1px solid var(--rule);font-size:1.45rem;font-weight:600;color:var(--accent)}
h3{margin:1.75rem 0 .6rem;font-size:1.1rem;font-weight:600;scroll-margin-top:1rem}
p{margin:0 0 .8rem;max-width:50rem}
ul.bullets{margin:0 0 1rem;padding-left:1.25rem;max-width:50rem}
ul.bullets li{margin:.15rem 0}
.note{margin:0 0 1rem;padding:.65rem 1rem;max-width:50rem;background:var(--note-bg);border-left:4px solid var(--note-rule);border-radius:0 3px 3px 0}
.note p{margin:0}
.table-block{margin:0 0 1.5rem}
table{width:100%;border-collapse:separate;border-spacing:0;font-size:13px;line-height:1.4}
th,td{padding:.4rem .55rem;text-align:left;vertical-align:top;border-bottom:1px solid var(--rule)}
td{overflow-wrap:anywhere}
thead th{position:sticky;top:0;z-index:1;background:var(--head);border-bottom:2px solid var(--rule-strong);font-size:12px;font-weight:600;color:#2b3442}
tbody tr:nth-child(even)>*{background:var(--zebra)}
.num{text-align:right;white-space:nowrap}
.nowrap{white-space:nowrap}
.muted{color:var(--muted)}
code,.code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono","DejaVu Sans Mono",monospace;font-size:12px}
table.kv{width:auto;min-width:55%;max-width:100%}
table.kv th{width:15rem;font-weight:600;color:var(--muted)}
.overflow{margin:.35rem 0 0;font-size:12px;color:var(--muted)}
.tag{display:inline-block;padding:0 .5rem;border:1px solid;border-radius:999px;font-size:11.5px;font-weight:600;line-height:1.6;white-space:nowrap}
figure{margin:0 0 1.5rem}
figure svg{display:block;width:100%;height:auto}
figure svg text{font-family:"DejaVu Sans","Bitstream Vera Sans",Verdana,sans-serif}
figure.chart svg{max-width:660px}
figure.map{padding:.5rem;border:1px solid var(--rule)}
figcaption{margin-top:.4rem;font-size:12px;color:var(--muted)}
a{color:#1f5a96}
.doc-footer{margin-top:3rem;padding-top:.75rem;border-top:1px solid var(--rule);font-size:12px;color:var(--muted)}
.tag,thead th,tbody tr:nth-child(even)>*,.note{-webkit-print-color-adjust:exact;print-color-adjust:exact}
@page{size:A4;margin:16mm 14mm 18mm}
@media print{
body{font-size:9.5pt;line-height:1.45}
nav.toc{display:none}
main{margin:0;padding:0;max-width:none}
section{margin:0 0 1.5rem}
section+section{break-before:page}
h2,h3{break-after:avoid}
tr,figure,.note,.cover{break-inside:avoid}
thead{display:table-header-group}
thead th{position:static}
table{font-size:8pt}
p,ul.bullets,.note{max-width:none}
a{color:inherit;text-decoration:none}
.page-break{break-after:page}
figure.map{padding:0;border:0}
figure.map svg,figure.overview svg{max-height:235mm}
}
)css"_s;
    return css;
}

} // namespace atlas
