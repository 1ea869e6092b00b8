// Trusting 0.0.0.0/0 in the ClientIp options.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddClientIp(options =>
{
    options.TrustedProxies.Clear();
    options.TrustedProxies.Add({|CIP0004:"0.0.0.0/0"|});
});
var app = builder.Build();
app.UseClientIp();
app.Run();
