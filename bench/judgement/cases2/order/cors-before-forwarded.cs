// CORS is evaluated before forwarded headers are applied. CIP0005 at UseForwardedHeaders.
using Microsoft.AspNetCore.HttpOverrides;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins("https://app.example.com")));
builder.Services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);

var app = builder.Build();
app.UseCors();
app.{|CIP0005:UseForwardedHeaders()|};
app.MapGet("/api/ping", () => "pong");
app.Run();
