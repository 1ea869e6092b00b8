// HTTPS redirection and HSTS run before UseClientIp; they only look at the scheme, which UseClientIp does not rewrite (the platform forwards the scheme itself). Quiet.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddClientIp();

var app = builder.Build();
app.UseHsts();
app.UseHttpsRedirection();
app.UseClientIp();
app.UseAuthorization();
app.MapGet("/", (HttpContext ctx) => ctx.Connection.RemoteIpAddress?.ToString());
app.Run();
