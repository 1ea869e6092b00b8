// UseClientIp changes only the client address, not the scheme: HTTPS redirection before it is fine.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddClientIp();
var app = builder.Build();
app.UseHttpsRedirection();
app.UseClientIp();
app.MapGet("/", () => "ok");
app.Run();
