namespace ClientIp.Analyzers.Tests.CodeFixes;

/// <summary>
/// Source stubs of the resolver's newer entry points, with exactly the pinned signatures, for tests that run without
/// the resolver assembly (the fixes find the resolver by metadata name, so a source copy is the resolver).
/// </summary>
internal static class ResolverStubs
{
    /// <summary><c>GetClientIpAddress</c> and <c>GetClientIpPartitionKey</c> on HttpContext, <c>GetClientIpAddress</c> on HttpListenerRequest.</summary>
    public const string Source = """
        namespace ClientIp
        {
            public static class ClientIpHttpContextExtensions
            {
                public static System.Net.IPAddress? GetClientIpAddress(this Microsoft.AspNetCore.Http.HttpContext context) => null;

                public static string GetClientIpPartitionKey(this Microsoft.AspNetCore.Http.HttpContext context) => "unknown";
            }

            public static class ClientIpHttpListenerExtensions
            {
                public static System.Net.IPAddress? GetClientIpAddress(this System.Net.HttpListenerRequest request) => null;
            }
        }
        """;
}
