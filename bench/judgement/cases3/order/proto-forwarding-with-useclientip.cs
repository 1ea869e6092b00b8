// UseForwardedHeaders handles only X-Forwarded-Proto while UseClientIp resolves the address; each has its own job and both come first. Quiet.
using Microsoft.AspNetCore.HttpOverrides;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddClientIp(builder.Configuration.GetSection("ClientIp"));
builder.Services.AddAuthentication();

var app = builder.Build();
app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedProto });
app.UseClientIp();
app.UseHttpsRedirection();
app.UseAuthentication();
app.MapGet("/", (HttpContext ctx) => $"{ctx.Request.Scheme} {ctx.Connection.RemoteIpAddress}");
app.Run();
