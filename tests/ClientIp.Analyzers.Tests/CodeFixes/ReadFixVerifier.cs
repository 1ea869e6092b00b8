using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ClientIp.Analyzers.Tests.Infrastructure;
using ClientIp.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ClientIp.Analyzers.Tests.CodeFixes;

/// <summary>
/// Code-fix tests for the client-IP read fixes, run the way an IDE runs them: every analyzer of the package
/// reports, and both read fixes (CIP0001 and CIP0002/CIP0003) are available. The framework also applies the fixes
/// one at a time and with Fix All (document, project, solution) and checks both reach the expected code.
/// </summary>
public static class ReadFixVerifier
{
    /// <summary>Every diagnostic analyzer shipped in ClientIp.Analyzers.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> PackageAnalyzers { get; } = typeof(DiagnosticIds).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.IsDefined(typeof(DiagnosticAnalyzerAttribute), inherit: false))
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    /// <summary>The read fix under test (CIP0001-CIP0003).</summary>
    public static ImmutableArray<CodeFixProvider> ReadFixes { get; } = ImmutableArray.Create<CodeFixProvider>(new ClientIpReadCodeFixProvider());

    /// <summary>
    /// <paramref name="source"/> marks each expected diagnostic with <c>{|CIPxxxx:…|}</c>; applying the fixes must
    /// give exactly <paramref name="fixedSource"/>, which must have no diagnostic left.
    /// </summary>
    public static Task VerifyFixAsync(string source, string fixedSource) =>
        new Test { TestCode = source, FixedCode = fixedSource }.RunAsync(CancellationToken.None);

    /// <summary>The diagnostics marked in <paramref name="source"/> are reported and no fix changes anything.</summary>
    public static Task VerifyNoFixAsync(string source, bool withResolver = true) =>
        new Test(withResolver) { TestCode = source, FixedCode = source }.RunAsync(CancellationToken.None);

    /// <summary>A code-fix test with the package's analyzers and the read fixes; configure further before running.</summary>
    public sealed class Test : CSharpCodeFixTest<NoAnalyzer, ClientIpReadCodeFixProvider, DefaultVerifier>
    {
        public Test()
            : this(withResolver: true)
        {
        }

        public Test(bool withResolver) => TestSetup.Configure(this, withResolver);

        /// <summary>
        /// Compiles the project as an application (top-level statements allowed), the way a web app with a
        /// composition root in Program.cs is built.
        /// </summary>
        public Test AsApplication()
        {
            SolutionTransforms.Add((solution, projectId) => solution.WithProjectCompilationOptions(
                projectId, solution.GetProject(projectId)!.CompilationOptions!.WithOutputKind(OutputKind.ConsoleApplication)));
            return this;
        }

        /// <summary>Checks the title of the fix the test applies.</summary>
        public Test WithTitle(string title)
        {
            CodeActionVerifier = (action, verifier) => verifier.Equal(title, action.Title);
            return this;
        }

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => PackageAnalyzers;

        protected override IEnumerable<CodeFixProvider> GetCodeFixProviders() => ReadFixes;
    }

    /// <summary>Placeholder for the framework's type parameter; <see cref="Test"/> supplies the real analyzers.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NoAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray<DiagnosticDescriptor>.Empty;

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
        }
    }
}
