// A "what is my IP" endpoint that believes X-Forwarded-For as a whole.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/ip", (HttpRequest request) =>
{
    var forwarded = {|CIP0002:request.Headers["X-Forwarded-For"]|}.ToString();
    return string.IsNullOrEmpty(forwarded) ? request.HttpContext.Connection.RemoteIpAddress?.ToString() : forwarded;
});
app.Run();
