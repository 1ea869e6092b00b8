// AddClientIp configured in code adds "::/0" next to the private IPv4 range to "cover the IPv6 load balancer": every IPv6 peer becomes a trusted proxy. CIP0004.
using ClientIp;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddClientIp(options =>
{
    options.TrustedProxies.Add("10.0.0.0/8");
    options.TrustedProxies.Add({|CIP0004:"::/0"|});
});

var app = builder.Build();
app.UseClientIp();
app.MapGet("/", (HttpContext ctx) => ctx.GetClientIpAddress()?.ToString());
app.Run();
