const fs=require("fs");const dir=process.argv[2];const f=fs.readdirSync(dir)[0];const p=JSON.parse(fs.readFileSync(dir+"/"+f));
const self=new Map();const byId=new Map(p.nodes.map(n=>[n.id,n]));
const dt=p.timeDeltas;let tot=0;
for(let i=0;i<p.samples.length;i++){const n=byId.get(p.samples[i]);const k=n.callFrame.functionName+" "+n.callFrame.url.split("/").slice(-2).join("/")+":"+n.callFrame.lineNumber;self.set(k,(self.get(k)||0)+dt[i]);tot+=dt[i];}
[...self].sort((a,b)=>b[1]-a[1]).slice(0,+process.argv[3]||30).forEach(([k,v])=>console.log((v/tot*100).toFixed(1)+"%",k));
