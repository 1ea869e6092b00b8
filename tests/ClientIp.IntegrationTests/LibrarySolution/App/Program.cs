var app = WebApplication.Create(args);
app.UseClientIp();
app.MapGet("/whoami", (HttpContext ctx) => Library.ClientAddress.Of(ctx));
app.MapGet("/claimed", (HttpContext ctx) => $"{ctx.Request.Headers["X-Real-IP"]}"); // expect-when-enabled: CIP0002
app.Run();
