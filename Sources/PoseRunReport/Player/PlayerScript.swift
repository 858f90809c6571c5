/// The report's frame-by-frame player: its markup, styles and script. The script reads
/// `window.POSERUN_PLAYER` (`PlayerData`, from `player.js` beside the report) and draws the skeleton,
/// the ground line and the angles live over the clip on a canvas, or a stick figure on a blank field when
/// there is no video. Plain script, no build step, no network: it works from a folder opened by a double-click.
///
/// The video's own timeline decides the frame: the frame shown at a media time is the last one whose
/// presentation time is not after it (`requestVideoFrameCallback` gives that time exactly when the browser
/// has it). A seek aims a third of a frame past the frame's time, so rounding never shows its neighbour.
enum PlayerScript {
    /// Side colours (left orange, right blue) as in the charts and the key frames.
    static let css = """
    .player{display:grid;grid-template-columns:minmax(0,1fr) 260px;gap:14px;align-items:start}
    .player .stage{position:relative;background:#111;border-radius:10px;overflow:hidden;line-height:0}
    .player video{display:block;width:100%;height:auto;max-height:72vh;object-fit:contain}
    .player .stage canvas.overlay{position:absolute;left:0;top:0;width:100%;height:100%;pointer-events:none}
    .player .stage.figure{background:#f6f7f9;aspect-ratio:4/3}
    .player .stage.figure canvas.overlay{position:static;display:block}
    .player .controls{display:flex;flex-wrap:wrap;gap:6px;margin:8px 0;align-items:center}
    .player button,.player select{font:inherit;font-size:14px;padding:6px 10px;border:1px solid var(--line);border-radius:8px;background:#fff;min-height:36px}
    .player button:active{background:var(--panel)}
    .player label{font-size:14px;display:inline-flex;gap:4px;align-items:center}
    .player canvas.timeline{display:block;width:100%;height:46px;cursor:pointer;border:1px solid var(--line);border-radius:8px;background:#fff;touch-action:none}
    .player .readout table{font-size:13px;width:100%}
    .player .readout td{padding:3px 4px;border-bottom:1px solid var(--line);vertical-align:top}
    .player .readout td.v{text-align:right;font-variant-numeric:tabular-nums;font-weight:700;white-space:nowrap}
    .player .frame-label{font-size:13px;color:var(--muted);font-variant-numeric:tabular-nums}
    .player .event-label{font-weight:700;min-height:1.5em}
    canvas.key-frame-canvas{display:block;width:100%;height:100%}
    @media (max-width:800px){.player{grid-template-columns:1fr}}
    @media print{.player .controls,.player canvas.timeline{display:none}}
    """

    /// The section's markup around the player (the script fills it).
    static var markup: String {
        var h = "<div class=\"player\" id=\"player\" data-state=\"loading\"><div>"
        h += "<div class=\"stage\" id=\"player-stage\"><video id=\"player-video\" muted playsinline preload=\"auto\" hidden></video><canvas class=\"overlay\" id=\"player-overlay\"></canvas></div>"
        h += "<div class=\"controls\" role=\"toolbar\" aria-label=\"Player\">"
        h += "<button type=\"button\" id=\"player-back\" title=\"Previous frame (←)\">◀ frame</button>"
        h += "<button type=\"button\" id=\"player-play\" title=\"Play / pause (space)\">▶ play</button>"
        h += "<button type=\"button\" id=\"player-forward\" title=\"Next frame (→)\">frame ▶</button>"
        h += "<select id=\"player-rate\" aria-label=\"Speed\"><option value=\"1\">1×</option><option value=\"0.5\">½×</option><option value=\"0.25\" selected>¼×</option></select>"
        h += "<label><input type=\"checkbox\" id=\"player-loop\"> loop one stride</label>"
        h += "</div><div class=\"controls\" aria-label=\"Jump\">"
        h += "<select id=\"player-foot\" aria-label=\"Foot\"><option value=\"left\">left foot</option><option value=\"right\">right foot</option></select>"
        h += "<select id=\"player-kind\" aria-label=\"Moment\"><option value=\"contact\">contact</option><option value=\"toe_off\">toe-off</option><option value=\"pose\">Pose</option><option value=\"fall\">Fall</option><option value=\"pull\">Pull</option></select>"
        h += "<button type=\"button\" id=\"player-jump-back\" title=\"Previous (shift+←)\">◀◀ previous</button>"
        h += "<button type=\"button\" id=\"player-jump-forward\" title=\"Next (shift+→)\">next ▶▶</button>"
        h += "</div><canvas class=\"timeline\" id=\"player-timeline\" aria-label=\"Timeline: click to seek\"></canvas>"
        h += "<p class=\"small muted\">Timeline: each foot's time on the ground (left above, right below); click to seek. Keys: ← → a frame, shift+← → the previous or next chosen moment, space play.</p>"
        h += "<p class=\"small muted\" id=\"player-video-note\"></p>"
        h += "</div><div class=\"readout\"><div class=\"frame-label\" id=\"player-frame\">—</div><div class=\"event-label\" id=\"player-event\"></div><table id=\"player-readout\"><tbody></tbody></table></div></div>"
        return h
    }

    static let script = #"""
    (function(){
    var D=window.POSERUN_PLAYER,root=document.getElementById('player');
    if(!root)return;
    if(!D||D.version!==1){root.setAttribute('data-state','no-data');root.innerHTML='<p class="notice">The player has no data: player.js is missing or from another version. Run <code>poserun analyze INPUT --out DIR</code> again.</p>';return;}
    function und(a,s){var o=new Float64Array(a.length),p=0;for(var i=0;i<a.length;i++){var v=a[i];if(v===null){o[i]=NaN;}else{p+=v;o[i]=p/s;}}return o;}
    var N=D.slots,T=und(D.times,1e4),FR=D.frames?und(D.frames,1):null,P={},A={left:{},right:{}};
    for(var k in D.points)P[k]=[und(D.points[k][0],D.scale),und(D.points[k][1],D.scale)];
    for(var sd in D.angles)for(var an in D.angles[sd])A[sd][an]=und(D.angles[sd][an],10);
    var M=D.marks.map(function(m){return{side:m[0],kind:m[1],slot:m[2]};}).sort(function(a,b){return a.slot-b.slot;});
    var video=D.video?document.getElementById('player-video'):null,stage=document.getElementById('player-stage'),cv=document.getElementById('player-overlay'),ctx=cv.getContext('2d');
    var tl=document.getElementById('player-timeline'),tctx=tl.getContext('2d'),cur=0,playing=false,clock=0,last=0;
    var rateSel=document.getElementById('player-rate'),loopBox=document.getElementById('player-loop'),footSel=document.getElementById('player-foot'),kindSel=document.getElementById('player-kind');
    var COL={left:'#d9480f',right:'#1864ab'},NAMES={contact:'contact',toe_off:'toe-off',pose:'the Pose',fall:'the Fall',pull:'the Pull'};
    var BONES=[['left_shoulder','right_shoulder',null],['left_hip','right_hip',null]];
    ['left','right'].forEach(function(s){[['shoulder','elbow'],['elbow','wrist'],['shoulder','hip'],['hip','knee'],['knee','ankle'],['ankle','heel'],['heel','toe'],['ankle','toe']].forEach(function(b){BONES.push([s+'_'+b[0],s+'_'+b[1],s]);});});
    function pt(name,i){var p=P[name];if(!p)return null;var x=p[0][i],y=p[1][i];return isFinite(x)&&isFinite(y)?[x,y]:null;}
    function frameOf(i){return FR?FR[i]:i;}
    function slotAt(t){var lo=0,hi=N-1;if(N===0)return 0;if(t<T[0])return 0;while(lo<hi){var m=(lo+hi+1)>>1;if(T[m]<=t+1e-5)lo=m;else hi=m-1;}return lo;}
    function slotOfFrame(f){if(!FR)return Math.max(0,Math.min(N-1,f));for(var i=0;i<N;i++)if(FR[i]>=f)return i;return N-1;}
    function inStance(side,i){var on=false;for(var j=0;j<M.length&&M[j].slot<=i;j++){var m=M[j];if(m.side!==side)continue;if(m.kind==='contact')on=true;else if(m.kind==='toe_off')on=m.slot===i;}return on;}
    // Geometry: data coordinates to canvas pixels.
    // The stick figure follows the runner: centred on each frame's hips, scaled to the farthest any point
    // reaches from them over the clip (an overground runner who travels metres stays full size), with the
    // vertical extent of the whole clip, so the ground stays put.
    var box=null,follow=null;
    function fitFigure(){var y0=Infinity,y1=-Infinity,reach=0;follow=new Float64Array(N);
      for(var i=0;i<N;i++){var lh=pt('left_hip',i),rh=pt('right_hip',i),a=Infinity,b=-Infinity;for(var k in P){var x=P[k][0][i];if(isFinite(x)){if(x<a)a=x;if(x>b)b=x;}}follow[i]=lh&&rh?(lh[0]+rh[0])/2:lh?lh[0]:rh?rh[0]:(isFinite(a)?(a+b)/2:NaN);}
      var last=NaN;for(var j=0;j<N;j++){if(isFinite(follow[j]))last=follow[j];else follow[j]=last;}for(var j2=N-1;j2>=0;j2--){if(isFinite(follow[j2]))last=follow[j2];else follow[j2]=last;}
      for(var k2 in P){var xs=P[k2][0],ys=P[k2][1];for(var i2=0;i2<N;i2++){if(isFinite(xs[i2])&&isFinite(follow[i2])){var r=Math.abs(xs[i2]-follow[i2]);if(r>reach)reach=r;}if(isFinite(ys[i2])){if(ys[i2]<y0)y0=ys[i2];if(ys[i2]>y1)y1=ys[i2];}}}
      if(!isFinite(y0)){y0=0;y1=1;}box={w:2*reach||1,y0:y0,y1:y1};}
    function size(){var r=stage.getBoundingClientRect(),dpr=window.devicePixelRatio||1,w=Math.max(1,Math.round(r.width*dpr)),h=Math.max(1,Math.round(r.height*dpr));if(cv.width!==w||cv.height!==h){cv.width=w;cv.height=h;}var tr=tl.getBoundingClientRect(),tw=Math.max(1,Math.round(tr.width*dpr)),th=Math.max(1,Math.round(tr.height*dpr));if(tl.width!==tw||tl.height!==th){tl.width=tw;tl.height=th;}}
    function toCanvas(p){
      if(video){var vw=D.video.width,vh=D.video.height,s=Math.min(cv.width/vw,cv.height/vh),ox=(cv.width-vw*s)/2,oy=(cv.height-vh*s)/2;return[ox+p[0]*s,oy+p[1]*s];}
      var bh=box.y1-box.y0,m=0.06,s=Math.min(cv.width*(1-2*m)/box.w,cv.height*(1-2*m)/(bh||1)),cx=isFinite(follow[cur])?follow[cur]:0,cy=(box.y0+box.y1)/2,x=(p[0]-cx)*s*(D.direction<0?-1:1);return[cv.width/2+x,cv.height/2-(p[1]-cy)*s];}
    function fmt(v){return isFinite(v)?(Math.round(v*10)/10).toFixed(1).replace('-','−')+'°':'—';}
    function markAt(i){return M.filter(function(m){return m.slot===i;});}
    function draw(){
      size();ctx.clearRect(0,0,cv.width,cv.height);var i=cur,lw=Math.max(2,cv.width/300),placed={};
      ctx.lineCap='round';
      // Ground line under each foot on the ground, through its lowest sole point.
      ['left','right'].forEach(function(s){if(!inStance(s,i))return;var h=pt(s+'_heel',i),t=pt(s+'_toe',i);var c=[h,t].filter(Boolean).map(toCanvas);if(!c.length)return;var y=Math.max.apply(null,c.map(function(q){return q[1];}));ctx.strokeStyle='#2b8a3e';ctx.setLineDash([lw*4,lw*3]);ctx.lineWidth=lw;ctx.beginPath();ctx.moveTo(0,y);ctx.lineTo(cv.width,y);ctx.stroke();ctx.setLineDash([]);placed[s+'_ground']=[cv.width/2,y];});
      BONES.forEach(function(b){var a=pt(b[0],i),c=pt(b[1],i);if(!a||!c)return;a=toCanvas(a);c=toCanvas(c);ctx.strokeStyle=b[2]?COL[b[2]]:(video?'#fff':'#495057');ctx.lineWidth=lw*1.3;ctx.beginPath();ctx.moveTo(a[0],a[1]);ctx.lineTo(c[0],c[1]);ctx.stroke();});
      for(var k in P){var p=pt(k,i);if(!p)continue;var q=toCanvas(p);placed[k]=q;ctx.fillStyle=k.indexOf('left')===0?COL.left:k.indexOf('right')===0?COL.right:(video?'#fff':'#495057');ctx.beginPath();ctx.arc(q[0],q[1],lw*1.6,0,Math.PI*2);ctx.fill();}
      // A vertical through the hips: the trunk lean's reference.
      var lh=placed.left_hip,rh=placed.right_hip,hip=lh&&rh?[(lh[0]+rh[0])/2,(lh[1]+rh[1])/2]:(lh||rh);
      if(hip){ctx.strokeStyle=video?'rgba(255,255,255,.8)':'#868e96';ctx.setLineDash([lw*2,lw*2]);ctx.lineWidth=lw*0.8;ctx.beginPath();ctx.moveTo(hip[0],hip[1]);ctx.lineTo(hip[0],hip[1]-cv.height*0.35);ctx.stroke();ctx.setLineDash([]);}
      // Knee angles beside the knees.
      ctx.font='bold '+Math.round(lw*6)+'px system-ui,sans-serif';ctx.textBaseline='middle';
      ['left','right'].forEach(function(s){var q=placed[s+'_knee'],v=A[s].knee_flexion_deg?A[s].knee_flexion_deg[i]:NaN;if(!q||!isFinite(v))return;var txt=fmt(v);ctx.lineWidth=lw*2;ctx.strokeStyle='rgba(0,0,0,.6)';ctx.strokeText(txt,q[0]+lw*4,q[1]);ctx.fillStyle=COL[s];ctx.fillText(txt,q[0]+lw*4,q[1]);});
      root.setAttribute('data-overlay',JSON.stringify(placed));
      readout();timeline();
    }
    var rows=document.querySelector('#player-readout tbody');
    function readout(){
      var i=cur,html='',stance=['left','right'].filter(function(s){return inStance(s,i);});
      function row(name,v,angle){var t=D.targets[angle];html+='<tr><td>'+name+(t?'<div class="small muted">'+t.replace(/</g,'&lt;')+'</div>':'')+'</td><td class="v">'+fmt(v)+'</td></tr>';}
      row('Trunk lean',A.left.trunk_lean_deg?A.left.trunk_lean_deg[i]:NaN,'trunk_lean_deg');
      ['left','right'].forEach(function(s){var L=s==='left'?'L':'R';row('Knee flexion '+L,A[s].knee_flexion_deg?A[s].knee_flexion_deg[i]:NaN,s==='left'?'knee_flexion_deg':'');row('Shank vs vertical '+L,A[s].shank_angle_deg?A[s].shank_angle_deg[i]:NaN,s==='left'?'shank_angle_deg':'');row('Foot vs ground '+L,A[s].foot_angle_deg?A[s].foot_angle_deg[i]:NaN,s==='left'?'foot_angle_deg':'');});
      if(stance.length){stance.forEach(function(s){row('Falling angle ('+s+' foot on the ground)',A[s].falling_angle_deg?A[s].falling_angle_deg[i]:NaN,'falling_angle_deg');});}else row('Falling angle (in flight: no support)',NaN,'');
      rows.innerHTML=html;
      document.getElementById('player-frame').textContent='frame '+frameOf(i)+' · '+T[i].toFixed(3)+' s';
      var ev=markAt(i).map(function(m){return(m.side==='left'?'Left ':'Right ')+NAMES[m.kind];});
      document.getElementById('player-event').textContent=ev.join(' · ');
      root.setAttribute('data-slot',String(i));root.setAttribute('data-frame',String(frameOf(i)));
    }
    function timeline(){
      var w=tl.width,h=tl.height,row=h/2;tctx.clearRect(0,0,w,h);function x(i){return N>1?i/(N-1)*w:0;}
      ['left','right'].forEach(function(s,r){var start=null;tctx.fillStyle=COL[s];M.forEach(function(m){if(m.side!==s)return;if(m.kind==='contact')start=m.slot;else if(m.kind==='toe_off'&&start!==null){tctx.fillRect(x(start),r*row+row*0.2,Math.max(2,x(m.slot)-x(start)),row*0.6);start=null;}});});
      tctx.fillStyle='#212529';tctx.fillRect(x(cur)-1,0,2,h);
    }
    function seek(i,done){
      cur=Math.max(0,Math.min(N-1,i|0));draw();
      if(!video){if(done)done();return;}
      var next=cur+1<N?T[cur+1]:T[cur]+1/(D.frame_rate||30);
      var target=T[cur]+Math.min(0.004,(next-T[cur])/3);
      function fin(){video.removeEventListener('seeked',fin);cur=slotAt(video.currentTime);draw();if(done)done();}
      if(Math.abs(video.currentTime-target)<1e-6){if(done)done();return;}
      video.addEventListener('seeked',fin);video.currentTime=target;
    }
    function strideAround(i){var side=footSel.value,s=null,e=null;M.forEach(function(m){if(m.side!==side||m.kind!=='contact')return;if(m.slot<=i)s=m.slot;else if(e===null)e=m.slot;});return s!==null&&e!==null?[s,e]:null;}
    function jump(dir){var side=footSel.value,kind=kindSel.value,list=M.filter(function(m){return m.side===side&&m.kind===kind;});var t=null;if(dir>0){for(var j=0;j<list.length;j++)if(list[j].slot>cur){t=list[j].slot;break;}}else{for(var j2=list.length-1;j2>=0;j2--)if(list[j2].slot<cur){t=list[j2].slot;break;}}if(t!==null){pause();seek(t);}}
    function play(){playing=true;document.getElementById('player-play').textContent='❚❚ pause';var r=parseFloat(rateSel.value)||1;if(video){video.playbackRate=r;var p=video.play();if(p&&p.catch)p.catch(function(){});tick();}else{clock=T[cur];last=performance.now();requestAnimationFrame(step);}}
    function pause(){playing=false;document.getElementById('player-play').textContent='▶ play';if(video)video.pause();}
    function loopCheck(){if(!loopBox.checked)return false;var st=strideAround(cur);if(st&&cur>=st[1]-1){seek(st[0],function(){if(playing&&video)video.play();});return true;}return false;}
    function tick(){if(!playing)return;if(video.requestVideoFrameCallback){video.requestVideoFrameCallback(function(now,meta){if(!playing)return;cur=slotAt(meta.mediaTime);draw();if(!loopCheck())tick();});}else{requestAnimationFrame(function(){if(!playing)return;cur=slotAt(video.currentTime);draw();if(!loopCheck())tick();});}}
    function step(now){if(!playing)return;var r=parseFloat(rateSel.value)||1;clock+=(now-last)/1000*r;last=now;var i=slotAt(clock);if(i>=N-1&&clock>T[N-1]){pause();return;}if(i!==cur){cur=i;draw();if(loopBox.checked){var st=strideAround(cur);if(st&&cur>=st[1]-1){cur=st[0];clock=T[cur];draw();}}}requestAnimationFrame(step);}
    document.getElementById('player-back').onclick=function(){pause();seek(cur-1);};
    document.getElementById('player-forward').onclick=function(){pause();seek(cur+1);};
    document.getElementById('player-play').onclick=function(){playing?pause():play();};
    document.getElementById('player-jump-back').onclick=function(){jump(-1);};
    document.getElementById('player-jump-forward').onclick=function(){jump(1);};
    rateSel.onchange=function(){if(video)video.playbackRate=parseFloat(rateSel.value)||1;};
    function seekFromTimeline(ev){var r=tl.getBoundingClientRect();var f=(ev.clientX-r.left)/Math.max(1,r.width);pause();seek(Math.round(f*(N-1)));}
    tl.addEventListener('pointerdown',seekFromTimeline);
    document.addEventListener('keydown',function(e){var t=e.target&&e.target.tagName;if(t==='INPUT'||t==='SELECT'||t==='TEXTAREA'||e.altKey||e.ctrlKey||e.metaKey)return;
      if(e.key==='ArrowLeft'){e.preventDefault();if(e.shiftKey)jump(-1);else{pause();seek(cur-1);}}
      else if(e.key==='ArrowRight'){e.preventDefault();if(e.shiftKey)jump(1);else{pause();seek(cur+1);}}
      else if(e.key===' '&&t!=='BUTTON'){e.preventDefault();playing?pause():play();}});
    // Key frames and the criteria's links seek the player to their frame.
    document.addEventListener('click',function(e){var el=e.target&&e.target.closest?e.target.closest('[data-frame]'):null;if(!el||root.contains(el))return;var f=parseInt(el.getAttribute('data-frame'),10);if(!isFinite(f))return;e.preventDefault();pause();seek(slotOfFrame(f));root.scrollIntoView({block:'nearest'});});
    window.addEventListener('resize',draw);
    // For tests and for links: seek to a frame and resolve when the frame is on screen.
    window.poserunPlayer={seekFrame:function(f){return new Promise(function(res){pause();seek(slotOfFrame(f),function(){res(window.poserunPlayer.state());});});},
      step:function(d){return new Promise(function(res){pause();seek(cur+d,function(){res(window.poserunPlayer.state());});});},
      state:function(){return{slot:cur,frame:frameOf(cur),time:T[cur],mediaTime:video?video.currentTime:null,overlay:JSON.parse(root.getAttribute('data-overlay')||'{}'),canvas:[cv.width,cv.height]};},
      // For a page that holds two players (the web app's comparison): the frames of one foot's events, and play or pause at a speed.
      marks:function(side,kind){return M.filter(function(m){return m.side===side&&m.kind===kind;}).map(function(m){return frameOf(m.slot);});},
      play:function(rate){if(rate)rateSel.value=String(rate);play();},pause:function(){pause();}};
    // The report's key frames, when drawn from the clip: a second, hidden video seeks to each in turn (the
    // player's own stays where the user left it) and paints that part of the frame on the figure's canvas.
    function drawKeyFrames(){
      var list=[].slice.call(document.querySelectorAll('canvas.key-frame-canvas'));if(!list.length)return;
      var kv=document.createElement('video');kv.muted=true;kv.playsInline=true;kv.preload='auto';kv.className='key-frame-source';kv.hidden=true;root.appendChild(kv);
      function next(){var c=list.shift();if(!c)return;var i=slotOfFrame(parseInt(c.getAttribute('data-frame'),10));
        var nt=i+1<N?T[i+1]:T[i]+1/(D.frame_rate||30),t=T[i]+Math.min(0.004,(nt-T[i])/3);
        function paint(){kv.removeEventListener('seeked',paint);var r=c.getAttribute('data-region').split(' ').map(Number),fs=c.getAttribute('data-frame-size').split(' ').map(Number);
          var sx=kv.videoWidth/fs[0],sy=kv.videoHeight/fs[1];c.getContext('2d').drawImage(kv,r[0]*sx,r[1]*sy,r[2]*sx,r[3]*sy,0,0,c.width,c.height);
          c.setAttribute('data-drawn',String(frameOf(slotAt(kv.currentTime))));next();}
        kv.addEventListener('seeked',paint);kv.currentTime=t;}
      kv.addEventListener('loadeddata',next,{once:true});kv.addEventListener('error',function(){list.forEach(function(c){c.setAttribute('data-drawn','error');});list=[];});
      kv.src=D.video.file;
    }
    var note=document.getElementById('player-video-note');
    if(note)note.textContent=video?('Playing '+D.video.file+(D.video.proxy?', a smaller copy made for the browser: '+D.video.proxy:', the original clip')+', beside this page. The drawing is live, from the analysed keypoints.'):'No video for this input: the analysed keypoints drawn as a stick figure, facing the direction of travel.';
    if(video){
      video.hidden=false;
      video.addEventListener('error',function(){root.setAttribute('data-state','video-error');var n=document.createElement('p');n.className='notice';n.textContent='The clip '+D.video.file+' could not be played here; the overlay still steps through the frames.';root.appendChild(n);});
      video.addEventListener('loadedmetadata',function(){draw();});
      video.addEventListener('loadeddata',function(){root.setAttribute('data-state','ready');seek(cur);});
      video.addEventListener('ended',function(){pause();});
      video.src=D.video.file;
      // The key frames come later in the page than this script.
      if(document.readyState==='loading')document.addEventListener('DOMContentLoaded',drawKeyFrames);else drawKeyFrames();
    }else{stage.classList.add('figure');fitFigure();root.setAttribute('data-state','ready');}
    var first=M.filter(function(m){return m.kind==='contact';})[0];cur=first?first.slot:0;draw();
    })();
    """#
}
