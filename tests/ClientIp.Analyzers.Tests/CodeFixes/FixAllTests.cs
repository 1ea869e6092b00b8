using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using static ClientIp.Analyzers.Tests.CodeFixes.ReadFixVerifier;

namespace ClientIp.Analyzers.Tests.CodeFixes;

/// <summary>Fix All (batch fixer) over many diagnostics of all three rules gives one compiling result.</summary>
public class FixAllTests
{
    private const string ManyReads = """
        using System.Linq;
        using System.Net;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;

        public class ClientController : ControllerBase
        {
            public IActionResult Peer() => Ok({|CIP0001:HttpContext.Connection.RemoteIpAddress|});

            public IActionResult Forwarded()
            {
                string ip = {|CIP0002:Request.Headers["X-Forwarded-For"]|};
                return Content(ip);
            }

            public IActionResult First() => Content("as " + {|CIP0003:Request.Headers["X-Forwarded-For"].ToString().Split(',')[0]|});

            public IActionResult Parsed() => Ok(IPAddress.Parse({|CIP0002:Request.Headers["X-Real-IP"]|}!));

            public IActionResult Fallback() => Content("from " + ({|CIP0002:Request.Headers["X-Real-IP"]|}.FirstOrDefault() ?? HttpContext.Connection.RemoteIpAddress?.ToString()));
        }
        """;

    private const string ManyReadsFixed = """
        using System.Linq;
        using System.Net;
        using ClientIp;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;

        public class ClientController : ControllerBase
        {
            public IActionResult Peer() => Ok(HttpContext.GetClientIpAddress());

            public IActionResult Forwarded()
            {
                string? ip = HttpContext.GetClientIpAddress()?.ToString();
                return Content(ip);
            }

            public IActionResult First() => Content("as " + HttpContext.GetClientIpAddress()?.ToString());

            // ClientIp: this code read X-Real-IP; the host must call AddClientIp(o => o.ForwardedHeader = "X-Real-IP").
            public IActionResult Parsed() => Ok(HttpContext.GetClientIpAddress());

            // ClientIp: this code read X-Real-IP; the host must call AddClientIp(o => o.ForwardedHeader = "X-Real-IP").
            public IActionResult Fallback() => Content("from " + (HttpContext.GetClientIpAddress()?.ToString()));
        }
        """;

    [Fact]
    public async Task FixAllInDocumentRewritesEveryReadAndAddsOneUsing()
    {
        await new Test
        {
            TestCode = ManyReads,
            FixedCode = ManyReadsFixed,
            // Only the Fix All paths: document scope here, one-by-one application is covered by the form tests.
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipFixAllInProjectCheck | CodeFixTestBehaviors.SkipFixAllInSolutionCheck,
            // One Fix All pass: CIP0001, CIP0002 and CIP0003 share one fix and its equivalence key.
            NumberOfFixAllInDocumentIterations = 1,
        }.RunAsync();
    }

    [Fact]
    public async Task FixAllInProjectRewritesEveryDocument()
    {
        const string second = """
            using Microsoft.AspNetCore.Http;

            static class Audit
            {
                public static string? Who(HttpContext ctx) => {|CIP0001:ctx.Connection.RemoteIpAddress|}?.ToString();

                public static string? Forwarded(HttpContext ctx) => {|CIP0003:ctx.Request.Headers["X-Forwarded-For"][0]|};
            }
            """;
        const string secondFixed = """
            using ClientIp;
            using Microsoft.AspNetCore.Http;

            static class Audit
            {
                public static string? Who(HttpContext ctx) => ctx.GetClientIpAddress()?.ToString();

                public static string? Forwarded(HttpContext ctx) => ctx.GetClientIpAddress()?.ToString();
            }
            """;

        await new Test
        {
            TestState = { Sources = { ManyReads, second } },
            FixedState = { Sources = { ManyReadsFixed, secondFixed } },
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipFixAllInDocumentCheck | CodeFixTestBehaviors.SkipFixAllInSolutionCheck,
            NumberOfFixAllInProjectIterations = 1,
        }.RunAsync();
    }

    [Fact]
    public async Task OneFixAllPassRewritesEveryHeaderReadInTheDocument()
    {
        await new Test
        {
            TestCode = """
                using Microsoft.AspNetCore.Http;

                static class Headers
                {
                    public static string? A(HttpContext ctx) => {|CIP0002:ctx.Request.Headers["X-Real-IP"]|};

                    public static string? B(HttpContext ctx) => {|CIP0003:ctx.Request.Headers["X-Forwarded-For"][0]|};

                    public static string? C(HttpContext ctx) => {|CIP0002:ctx.Request.Headers["CF-Connecting-IP"]|}.ToString().Trim();
                }
                """,
            FixedCode = """
                using ClientIp;
                using Microsoft.AspNetCore.Http;

                static class Headers
                {
                    // ClientIp: this code read X-Real-IP; the host must call AddClientIp(o => o.ForwardedHeader = "X-Real-IP").
                    public static string? A(HttpContext ctx) => ctx.GetClientIpAddress()?.ToString();

                    public static string? B(HttpContext ctx) => ctx.GetClientIpAddress()?.ToString();

                    // ClientIp: this code read CF-Connecting-IP; the host must call AddClientIp(o => o.ForwardedHeader = "CF-Connecting-IP").
                    public static string? C(HttpContext ctx) => ctx.GetClientIpAddress()?.ToString();
                }
                """,
            CodeActionEquivalenceKey = ClientIp.CodeFixes.ClientIpReadCodeFixProvider.EquivalenceKey,
            NumberOfFixAllIterations = 1,
        }.RunAsync();
    }
}
