// UseClientIp resolves the address; UseForwardedHeaders only restores the scheme (XForwardedProto): they do not both rewrite the peer, and both come first. Quiet.
using Microsoft.AspNetCore.HttpOverrides;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddClientIp(builder.Configuration.GetSection("ClientIp"));

var app = builder.Build();
app.UseClientIp();
app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedProto });
app.UseHttpsRedirection();
app.MapGet("/", () => "ok");
app.Run();
