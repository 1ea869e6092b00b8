// AddClientIp bound from configuration, then the pod network added in code and two proxy hops declared (ingress + service mesh). Quiet.
using ClientIp;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddClientIp(builder.Configuration.GetSection("ClientIp"), options =>
{
    options.TrustedProxies.Add("10.244.0.0/16");
    options.TrustedHopCount = 2;
    options.MaxHops = 8;
});

var app = builder.Build();
app.UseClientIp();
app.MapGet("/", (HttpContext ctx) => ctx.GetClientIpAddress()?.ToString() ?? "unknown");
app.Run();
