//! The `warta` command line: parses arguments and hands over to the library.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

use warta::commands::{self, CleanFormat, Common};
use warta::export::DotView;
use warta::pipeline::LangChoice;

/// mimalloc: allocating and freeing took a tenth of extraction's time with the system's
/// allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "warta",
    version,
    about = "Scraped news articles in, clean text and a graph of who said what about which dispute out"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Strip boilerplate and read title, outlet, date and authors, with an audit of removals.
    Clean {
        #[command(flatten)]
        common: CommonArgs,
        /// Output file (JSON Lines), or folder with --format text; stdout when left out.
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = FormatArg::Jsonl)]
        format: FormatArg,
        /// With --format text: put back the spaces the scrape dropped (the record's
        /// `repairs`); the JSON Lines body always stays as printed.
        #[arg(long)]
        repair: bool,
    },
    /// Write the full article records (the gold format of SPEC.md) as JSON Lines.
    Extract {
        #[command(flatten)]
        common: CommonArgs,
        /// Output file; stdout when left out.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Keep each input that fails as a JSON line `{"reject": {path, record, reason,
        /// line}}` in this file (`-`: among the records) and exit 0, so that a map step over a
        /// partition loses nothing and keeps going.
        #[arg(long)]
        rejects: Option<PathBuf>,
    },
    /// Build the graph and claims from articles or from `warta extract` records.
    Graph {
        #[command(flatten)]
        common: CommonArgs,
        #[arg(short, long, default_value = "graphs")]
        output: PathBuf,
        /// What graph.dot draws: the story (speakers, statements, disputes) or the full graph.
        #[arg(long, value_enum, default_value_t = DotArg::Story)]
        dot: DotArg,
    },
    /// The main job: process a corpus (default `corpus/`) into a folder (default `graphs/`).
    Run {
        #[command(flatten)]
        common: CommonArgs,
        #[arg(short, long, default_value = "graphs")]
        output: PathBuf,
        /// What graph.dot draws: the story (speakers, statements, disputes) or the full graph.
        #[arg(long, value_enum, default_value_t = DotArg::Story)]
        dot: DotArg,
    },
    /// Score warta against gold files (see gold/SPEC.md), or the entity tagger on CoNLL data.
    Eval {
        #[command(flatten)]
        common: CommonArgs,
        /// Folder of gold JSON files; inputs default to the articles beside them.
        #[arg(long, required_unless_present = "ner", conflicts_with = "ner")]
        gold: Option<PathBuf>,
        /// CoNLL-style file (token, optional columns, BIO tag) to score the entity tagger on.
        #[arg(long)]
        ner: Option<PathBuf>,
        /// Print the scores as JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Rebuild the entity tagger's model from CoNLL-style training data.
    TrainNer {
        /// Training files (token first, BIO tag last); several are pooled.
        #[arg(long, required = true)]
        train: Vec<PathBuf>,
        /// Development file scored after every epoch.
        #[arg(long)]
        dev: Option<PathBuf>,
        /// Passes over the training data (8 scored best on idner's dev file).
        #[arg(long, default_value_t = 8)]
        epochs: usize,
        /// Data labelled by another scheme, learnt from beside the training files without
        /// taking on its labelling habits (NERGRIT's files for the shipped model).
        #[arg(long)]
        auxiliary: Vec<PathBuf>,
        /// Language whose word lists the features consult.
        #[arg(long, value_enum, default_value_t = LangArg::Id)]
        lang: LangArg,
        #[arg(short, long, default_value = "models/ner-id.bin")]
        output: PathBuf,
    },
}

#[derive(Args)]
struct CommonArgs {
    /// Files, folders (walked recursively) or `-` for JSON Lines on stdin.
    inputs: Vec<PathBuf>,
    /// Worker threads; all cores when left out.
    #[arg(long)]
    threads: Option<usize>,
    /// Language of the documents.
    #[arg(long, value_enum, default_value_t = LangArg::Auto)]
    lang: LangArg,
    /// No progress bar and no warnings; errors are still reported.
    #[arg(short, long)]
    quiet: bool,
    /// Seconds one document may take; one that takes longer is reported and skipped, so it
    /// cannot stall the run (0: no limit).
    #[arg(long, value_name = "SECONDS", default_value_t = 20.0)]
    time_limit: f64,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Jsonl,
    Text,
}

#[derive(Clone, Copy, ValueEnum)]
enum DotArg {
    Story,
    Full,
}

impl From<DotArg> for DotView {
    fn from(arg: DotArg) -> DotView {
        match arg {
            DotArg::Story => DotView::Story,
            DotArg::Full => DotView::Full,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Auto,
    Id,
    En,
}

impl CommonArgs {
    fn into_common(self, default_input: Option<&str>) -> Common {
        let mut inputs = self.inputs;
        if inputs.is_empty() {
            inputs.extend(default_input.map(PathBuf::from));
        }
        Common {
            inputs,
            threads: self
                .threads
                .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
                .max(1),
            lang: match self.lang {
                LangArg::Auto => LangChoice::Auto,
                LangArg::Id => LangChoice::Fixed("id"),
                LangArg::En => LangChoice::Fixed("en"),
            },
            quiet: self.quiet,
            limits: warta::pipeline::Limits {
                time: (self.time_limit > 0.0)
                    .then(|| Duration::try_from_secs_f64(self.time_limit).ok())
                    .flatten(),
                ..Default::default()
            },
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let usage_error = error.use_stderr();
            let _ = error.print();
            return ExitCode::from(if usage_error { 1 } else { 0 });
        }
    };
    warta::pipeline::report_panics();
    match execute(cli.command) {
        Ok(code) => ExitCode::from(code as u8),
        // a reader that stopped reading (`warta extract … | head`) ends the run quietly
        Err(error) if broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("warta: {error:#}");
            ExitCode::from(1)
        }
    }
}

fn broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        let kind = cause
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| {
                cause
                    .downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            });
        kind == Some(std::io::ErrorKind::BrokenPipe)
    })
}

fn execute(command: Command) -> anyhow::Result<i32> {
    let outcome = match command {
        Command::Clean {
            common,
            output,
            format,
            repair,
        } => {
            let format = match format {
                FormatArg::Jsonl => CleanFormat::Jsonl,
                FormatArg::Text => CleanFormat::Text { repair },
            };
            commands::clean(&common.into_common(None), output.as_deref(), format)?
        }
        Command::Extract {
            common,
            output,
            rejects,
        } => commands::extract(
            &common.into_common(None),
            output.as_deref(),
            rejects.as_deref(),
        )?,
        Command::Graph {
            common,
            output,
            dot,
        } => commands::graph(&common.into_common(None), &output, dot.into())?,
        Command::Run {
            common,
            output,
            dot,
        } => commands::run(&common.into_common(Some("corpus")), &output, dot.into())?,
        Command::Eval {
            common,
            gold,
            ner,
            json,
        } => match (gold, ner) {
            (_, Some(ner)) => {
                let language = match common.lang {
                    LangArg::En => "en",
                    LangArg::Id | LangArg::Auto => "id",
                };
                print!("{}", commands::eval_ner(&ner, language, json)?);
                commands::Outcome::default()
            }
            (Some(gold), None) => {
                let (text, outcome) = commands::eval_gold(&common.into_common(None), &gold, json)?;
                print!("{text}");
                outcome
            }
            (None, None) => anyhow::bail!("eval needs --gold DIR or --ner FILE"),
        },
        Command::TrainNer {
            train,
            dev,
            epochs,
            auxiliary,
            lang,
            output,
        } => {
            let language = match lang {
                LangArg::En => "en",
                LangArg::Id | LangArg::Auto => "id",
            };
            print!(
                "{}",
                commands::train_ner(
                    &train,
                    &auxiliary,
                    dev.as_deref(),
                    language,
                    epochs,
                    &output
                )?
            );
            commands::Outcome::default()
        }
    };
    Ok(outcome.exit_code())
}
