using System;
using BenchmarkDotNet.Running;

namespace ClientIp.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project bench/ClientIp.Benchmarks -- --filter * --job short</c>, or
/// <c>-- --cpu-time</c> for the CPU-time cross-check.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (Array.IndexOf(args, "--cpu-time") >= 0)
        {
            CpuTimeCrossCheck.Run();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
