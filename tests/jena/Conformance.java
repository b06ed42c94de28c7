// Runs plan-kg's saved queries with Apache Jena's ARQ, for tests/test_jena.py.
//
//   java -cp 'JENA/lib/*' Conformance.java local  DATA.trig SPEC.json OUTDIR
//   java -cp 'JENA/lib/*' Conformance.java remote ENDPOINT  SPEC.json OUTDIR
//   java -cp 'JENA/lib/*' Conformance.java parse  OUTDIR FILE...
//
// parse reads each RDF file with RIOT (the syntax from its extension) and writes what it holds as
// N-Quads to OUTDIR/FILE.nq, so the test can compare Jena's reading of every export with plan-kg's graph.
// SPEC.json is a list of {"name", "query" (a file), "bindings" ({variable: RDF term in SPARQL syntax}),
// "accept" (remote only: the media type to ask the endpoint for)}.  Parameters are bound by ARQ's
// substitution, as plan-kg binds them with its engines.  Locally the dataset is the TriG export and, as
// plan-kg's stores have it, a default graph that is the merge of every named graph.  Each answer is
// written by Jena to OUTDIR/NAME.srj (SPARQL JSON results) or OUTDIR/NAME.nt (CONSTRUCT / DESCRIBE).
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonValue;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecBuilder;
import org.apache.jena.sparql.exec.http.QueryExecHTTPBuilder;
import org.apache.jena.sparql.resultset.ResultsWriter;
import org.apache.jena.sparql.util.NodeFactoryExtra;

public class Conformance {
    public static void main(String[] args) throws Exception {
        String mode = args[0], target = args[1];
        if (mode.equals("parse")) {
            for (int i = 2; i < args.length; i++) {
                DatasetGraph read = DatasetGraphFactory.createTxnMem();
                RDFParser.source(args[i]).parse(read);
                try (OutputStream os = new FileOutputStream(
                        Path.of(target).resolve(Path.of(args[i]).getFileName() + ".nq").toFile())) {
                    RDFDataMgr.write(os, read, Lang.NQUADS);
                }
            }
            return;
        }
        JsonArray spec = JSON.parseAny(Files.readString(Path.of(args[2]))).getAsArray();
        Path out = Path.of(args[3]);
        DatasetGraph dsg = null;
        if (mode.equals("local")) {
            dsg = DatasetGraphFactory.createTxnMem();
            RDFParser.source(target).lang(Lang.TRIG).parse(dsg);
            for (Iterator<Quad> it = dsg.find(); it.hasNext(); ) {
                Quad q = it.next();
                if (!q.isDefaultGraph())
                    dsg.getDefaultGraph().add(q.asTriple());
            }
        }
        for (JsonValue item : spec) {
            JsonObject s = item.getAsObject();
            String name = s.get("name").getAsString().value();
            Query query = QueryFactory.read(s.get("query").getAsString().value());
            QueryExecBuilder local = null;
            QueryExecHTTPBuilder remote = null;
            if (dsg != null)
                local = QueryExec.dataset(dsg).query(query);
            else
                remote = QueryExecHTTPBuilder.service(target).query(query)
                        .acceptHeader(s.get("accept").getAsString().value());
            JsonObject bindings = s.get("bindings").getAsObject();
            for (String var : bindings.keys()) {
                var node = NodeFactoryExtra.parseNode(bindings.get(var).getAsString().value());
                if (local != null) local.substitution(var, node); else remote.substitution(var, node);
            }
            QueryExec exec = local != null ? local.build() : remote.build();
            boolean graph = query.isConstructType() || query.isDescribeType();
            try (OutputStream os = new FileOutputStream(out.resolve(name + (graph ? ".nt" : ".srj")).toFile())) {
                if (graph)
                    RDFDataMgr.write(os, exec.construct(), Lang.NTRIPLES);
                else if (query.isAskType())
                    ResultsWriter.create().lang(ResultSetLang.RS_JSON).write(os, exec.ask());
                else
                    ResultsWriter.create().lang(ResultSetLang.RS_JSON).write(os, exec.select());
            }
            exec.close();
        }
    }
}
