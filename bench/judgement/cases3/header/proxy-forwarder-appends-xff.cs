// A small YARP-like forwarder copies the incoming X-Forwarded-For chain onto the outgoing request and appends the peer; that is what a reverse proxy is supposed to do. Quiet.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHttpClient("backend", c => c.BaseAddress = new Uri("http://backend:8080"));
var app = builder.Build();

app.Map("/backend/{**rest}", async (HttpContext ctx, IHttpClientFactory factory, string? rest) =>
{
    using var outgoing = new HttpRequestMessage(new HttpMethod(ctx.Request.Method), "/" + rest);
    var incoming = ctx.Request.Headers["X-Forwarded-For"].ToString();
    var peer = ctx.Connection.RemoteIpAddress?.ToString();
    var chain = string.IsNullOrEmpty(incoming) ? peer : incoming + ", " + peer;
    outgoing.Headers.TryAddWithoutValidation("X-Forwarded-For", chain);
    outgoing.Headers.TryAddWithoutValidation("X-Forwarded-Proto", ctx.Request.Scheme);

    using var response = await factory.CreateClient("backend").SendAsync(outgoing, ctx.RequestAborted);
    ctx.Response.StatusCode = (int)response.StatusCode;
    await response.Content.CopyToAsync(ctx.Response.Body);
});

app.Run();
