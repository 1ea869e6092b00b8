// GeoIP lookup for a storefront's currency uses the resolver's GetClientIpAddress() after UseClientIp. Quiet.
using System.Net;
using ClientIp;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddClientIp(builder.Configuration.GetSection("ClientIp"));
builder.Services.AddSingleton<IGeoLookup, StaticGeoLookup>();
var app = builder.Build();
app.UseClientIp();

app.MapGet("/prices", (HttpContext ctx, IGeoLookup geo) =>
{
    var country = ctx.GetClientIpAddress() is { } ip ? geo.CountryOf(ip) : "US";
    return Results.Ok(new { country, currency = country == "DE" ? "EUR" : "USD" });
});

app.Run();

public interface IGeoLookup
{
    string CountryOf(IPAddress address);
}

public sealed class StaticGeoLookup : IGeoLookup
{
    public string CountryOf(IPAddress address) => address.ToString().StartsWith("85.", StringComparison.Ordinal) ? "DE" : "US";
}
