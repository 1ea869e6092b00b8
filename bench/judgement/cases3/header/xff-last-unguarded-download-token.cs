// Download links are bound to the rightmost X-Forwarded-For entry, read with no check of who sent the header; without a proxy in front the client writes the whole list. CIP0002.
public sealed class DownloadTokens
{
    private readonly Dictionary<string, string> _boundTo = new();

    public string Issue(HttpRequest request, string file)
    {
        var token = Guid.NewGuid().ToString("N");
        var address = {|CIP0002:request.Headers["X-Forwarded-For"]|}.ToString().Split(',').Last().Trim();
        _boundTo[token] = address + "|" + file;
        return token;
    }

    public bool IsValid(string token, string expected) => _boundTo.TryGetValue(token, out var v) && v == expected;
}
