// One mistake for each rule. Every span a rule must report is wrapped in /*~CIPnnnn*/ ... /*~*/; the tests read these
// markers (an editor's squiggle and a SARIF region must cover exactly the wrapped code), so lines can move freely.
using Microsoft.AspNetCore.HttpOverrides;

var builder = WebApplication.CreateBuilder(args);

// "It works behind the load balancer" by trusting every peer.
builder.Services.Configure<ForwardedHeadersOptions>(options =>
{
    /*~CIP0004*/options.KnownIPNetworks.Clear()/*~*/;
    options.KnownProxies.Clear();
});

var app = builder.Build();
app.UseHttpsRedirection();
/*~CIP0005*/app.UseForwardedHeaders()/*~*/;

// Deletes an upload once its uploader downloaded it: behind a reverse proxy every downloader is the proxy.
app.MapGet("/download/{id}", (string id, HttpContext ctx) => $"{id} for {/*~CIP0001*/ctx.Connection.RemoteIpAddress/*~*/}");

// Any client can send X-Real-IP.
app.MapGet("/whoami", (HttpContext ctx) => /*~CIP0002*/ctx.Request.Headers["X-Real-IP"]/*~*/.ToString());

// The leftmost X-Forwarded-For entry is whatever the client wrote.
app.MapGet("/limited", (HttpContext ctx) => /*~CIP0003*/ctx.Request.Headers["X-Forwarded-For"].ToString().Split(',')[0]/*~*/.Trim());

app.Run();
