// W3C access logs are written by middleware registered before UseClientIp, so they log the proxy, not the client. CIP0005 at UseClientIp.
using Microsoft.AspNetCore.HttpLogging;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddW3CLogging(o => o.LoggingFields = W3CLoggingFields.ClientIpAddress | W3CLoggingFields.Request);
builder.Services.AddClientIp(builder.Configuration.GetSection("ClientIp"));

var app = builder.Build();
app.UseW3CLogging();
app.{|CIP0005:UseClientIp()|};
app.MapGet("/", () => "hello");
app.Run();
