// UseRouting and UseCors come before UseForwardedHeaders, then authentication and rate limiting after it; routing and CORS read neither the address nor the scheme. Quiet.
using Microsoft.AspNetCore.HttpOverrides;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com")));
builder.Services.AddRateLimiter(_ => { });
builder.Services.AddAuthentication();
builder.Services.AddAuthorization();
builder.Services.Configure<ForwardedHeadersOptions>(o =>
{
    o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    o.KnownProxies.Add(System.Net.IPAddress.Parse("172.18.0.2"));
});

var app = builder.Build();
app.UseRouting();
app.UseCors();
app.UseForwardedHeaders();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.MapGet("/", () => "ok");
app.Run();
