import { readFileSync } from 'node:fs';
import { createTemplateSearchIndex } from '../src/search/template-search-index.ts';
const dev = readFileSync('/work/shared/data/templates-ja-dev.jsonl','utf8').trim().split('\n').map((l)=>JSON.parse(l));
const qs = readFileSync('/work/shared/data/queries-ja-dev.jsonl','utf8').trim().split('\n').map((l)=>JSON.parse(l));
const N = Number(process.argv[2] ?? 10000);
let seed = 1; const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const pool = [...dev.map((t:any)=>t.title+t.body).join('')].filter(c=>/\p{Script=Han}/u.test(c));
const pert = (s:string)=>[...s].map(c=>/\p{Script=Han}/u.test(c)&&rnd()<0.08?pool[Math.floor(rnd()*pool.length)]:c).join('');
const ts = Array.from({length:N},(_,i)=>{const b=dev[i%dev.length]; return {id:'g'+i,title:pert(b.title),body:pert(b.body+'\n'+dev[(i*7)%dev.length].body),path:b.path,tags:[],product:null};});
const idx = await createTemplateSearchIndex();
let t0=performance.now(); idx.upsertMany(ts); console.log('build', performance.now()-t0);
t0=performance.now(); const times:number[]=[]; for (const q of qs){const a=performance.now(); idx.search(q.query,{limit:5}); times.push(performance.now()-a);} 
times.sort((a,b)=>a-b); console.log('queries', performance.now()-t0, 'p50', times[times.length>>1], 'p99', times[Math.floor(times.length*0.99)]);
