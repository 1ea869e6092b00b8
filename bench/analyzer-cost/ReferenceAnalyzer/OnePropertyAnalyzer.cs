using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Bench.ReferenceAnalyzer;

/// <summary>
/// The smallest useful per-operation rule: reports reads of <c>ConnectionInfo.RemoteIpAddress</c> and does nothing
/// else, so its time in a build is what any rule subscribed to every property reference pays before its own logic.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OnePropertyAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new(
        "BENCH001", "RemoteIpAddress read", "RemoteIpAddress is read", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            IPropertySymbol? remote = null;
            foreach (var member in start.Compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.ConnectionInfo")?.GetMembers("RemoteIpAddress") ?? ImmutableArray<ISymbol>.Empty)
            {
                remote = member as IPropertySymbol;
            }

            if (remote is null)
            {
                return;
            }

            start.RegisterOperationAction(
                c =>
                {
                    var property = ((IPropertyReferenceOperation)c.Operation).Property;
                    if (property.Name == "RemoteIpAddress" && SymbolEqualityComparer.Default.Equals(property.OriginalDefinition, remote))
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Rule, c.Operation.Syntax.GetLocation()));
                    }
                },
                OperationKind.PropertyReference);
        });
    }
}
