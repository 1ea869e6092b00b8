// The ClientIp resolver's own trust-everyone switch.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddClientIp(options => {|CIP0004:options.UnsafeTrustEveryPeer = true|});
var app = builder.Build();
app.UseClientIp();
app.Run();
