package org.dl4jlvm.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An HTML page that shows the pictures and metrics of several runs, each in a subfolder of the page's folder. */
final class IndexPage {
    /** One run: its subfolder, a title, what it shows, the command line and the pictures it wrote. */
    static final class Section {
        final String folder;
        final String title;
        final String description;
        final List<String> command;
        final List<String> pictures;

        Section(String folder, String title, String description, List<String> command, List<String> pictures) {
            this.folder = folder;
            this.title = title;
            this.description = description;
            this.command = command;
            this.pictures = pictures;
        }
    }

    private final List<Section> sections = new ArrayList<>();

    void add(Section section) {
        sections.add(section);
    }

    /** Writes {@code folder/index.html}; every section's pictures and metrics.json must be in {@code folder/<section>}. */
    void write(Path folder, String title, String summary) throws IOException {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append("</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:1300px}"
                        + "figure{display:inline-block;margin:0 1.5em 1.5em 0;vertical-align:top}figcaption{font-size:90%;color:#444}"
                        + "img{border:1px solid #ccc;max-width:100%}table{border-collapse:collapse;font-size:90%}"
                        + "td{border:1px solid #ddd;padding:2px 8px}code{background:#f4f4f4;padding:1px 4px}</style></head>\n<body>\n")
                .append("<h1>").append(escape(title)).append("</h1>\n<p>").append(escape(summary)).append("</p>\n<ul>\n");
        for (Section section : sections) {
            html.append("<li><a href=\"#").append(section.folder).append("\">").append(escape(section.title)).append("</a></li>\n");
        }
        html.append("</ul>\n");
        for (Section section : sections) {
            Path sub = folder.resolve(section.folder);
            html.append("<h2 id=\"").append(section.folder).append("\">").append(escape(section.title)).append("</h2>\n<p>")
                    .append(escape(section.description)).append("</p>\n<p><code>java -jar dl4j-lvm-examples.jar ")
                    .append(escape(String.join(" ", section.command))).append("</code></p>\n");
            for (String picture : section.pictures) {
                if (!Files.exists(sub.resolve(picture))) {
                    throw new IllegalStateException(section.folder + ": the run did not write " + picture);
                }
                html.append("<figure><img src=\"").append(section.folder).append('/').append(picture).append("\" alt=\"")
                        .append(picture).append("\"><figcaption>").append(picture).append("</figcaption></figure>\n");
            }
            html.append(table(Metrics.read(sub.resolve("metrics.json"))));
        }
        html.append("</body></html>\n");
        Files.write(folder.resolve("index.html"), html.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The scalar metrics as a two-column table; lists (per-epoch curves) are left to metrics.json. */
    private static String table(Map<String, Object> metrics) {
        StringBuilder table = new StringBuilder("<table>\n");
        for (Map.Entry<String, Object> entry : metrics.entrySet()) {
            Object value = entry.getValue();
            if (value instanceof List || value instanceof Map) {
                continue;
            }
            String shown = value instanceof Double ? String.format("%.5g", (Double) value) : String.valueOf(value);
            table.append("<tr><td>").append(escape(entry.getKey())).append("</td><td>").append(escape(shown)).append("</td></tr>\n");
        }
        return table.append("</table>\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
