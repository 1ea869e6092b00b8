// The ClientIp resolver trusts the cluster's pod network in addition to loopback, and reads X-Forwarded-For: a bounded trust list. Quiet.
using ClientIp;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddClientIp(builder.Configuration.GetSection("ClientIp"), options =>
{
    options.TrustedProxies.Add("10.244.0.0/16");
    options.ForwardedHeader = "X-Forwarded-For";
});

var app = builder.Build();
app.UseClientIp();
app.MapGet("/whoami", (HttpContext context) => context.GetClientIpAddress()?.ToString() ?? "unknown");
app.Run();
