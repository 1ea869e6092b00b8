using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ClientIp.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ClientIp.IntegrationTests.Package;

/// <summary>Assertions and logging shared by the tests that build consumers of the packed package.</summary>
public static class ConsumerAssert
{
    /// <summary>Fails with both lists and the whole build output unless <paramref name="reported"/> is exactly <paramref name="expected"/>.</summary>
    public static void Reported(IReadOnlyList<DiagnosticAt> expected, IReadOnlyList<DiagnosticAt> reported, ProcessResult build)
    {
        if (!expected.SequenceEqual(reported))
        {
            Assert.Fail($"""
                Expected exactly:
                  {string.Join("\n  ", expected)}
                Reported:
                  {string.Join("\n  ", reported)}
                {build}
                """);
        }
    }

    /// <summary>Awaits a command and writes one line about it (command, exit code, time) to the test output.</summary>
    public static async Task<ProcessResult> Logged(this ITestOutputHelper log, Task<ProcessResult> running)
    {
        var result = await running;
        log.WriteLine($"$ {result.Command}  -> exit {result.ExitCode} in {result.Elapsed.TotalSeconds:F1} s");
        return result;
    }
}
