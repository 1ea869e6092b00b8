// GetCommaSeparatedValues, then the first value, for geo-blocking.
public class GeoBlock
{
    private readonly Func<string, string?> _countryOf;

    public GeoBlock(Func<string, string?> countryOf) => _countryOf = countryOf;

    public bool IsBlocked(HttpContext context)
    {
        var first = {|CIP0003:context.Request.Headers.GetCommaSeparatedValues("X-Forwarded-For").FirstOrDefault()|};
        return first is not null && _countryOf(first) == "XX";
    }
}
