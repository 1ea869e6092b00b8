// Sets ClientIp's UnsafeTrustEveryPeer from code when an "behind-paas" switch is on; whatever the switch, this trusts every peer in that deployment. CIP0004.
var builder = WebApplication.CreateBuilder(args);
var behindPaas = builder.Configuration.GetValue<bool>("Hosting:BehindPaas");

builder.Services.AddClientIp(options =>
{
    if (behindPaas)
    {
        {|CIP0004:options.UnsafeTrustEveryPeer = true|};
    }
});

var app = builder.Build();
app.UseClientIp();
app.MapGet("/", () => "ok");
app.Run();
