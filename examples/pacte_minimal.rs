//! Embedding `pacte`: build a small pact in Rust, validate it, render it to PDF.
//!
//! ```text
//! cargo run --example pacte_minimal -- /tmp/pacte-minimal.pdf
//! ```
//!
//! The same pact could be read from JSON with `Pacte::from_json`; building it in code shows
//! the model's types. Rich text is written in Markdown and parsed once, with
//! `Texte::markdown`.

use pacte::model::{
    Date, Departement, Engagement, Gouvernance, GroupeInstances, Id, Instance, Membre,
    NaturePartenaire, Pacte, Partenaire, Periode, Personne, Signataire, Statut, Texte, Titres,
};
use pacte::{render_pdf, RenderOptions};
use std::error::Error;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    let sortie = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("pacte-minimal.pdf"));

    let pacte = pacte_minimal()?;

    // Validation checks what types cannot: references between parts, unique ids, dates,
    // empty texts. Each problem names its JSON path, e.g. `signataires[1].partenaire`.
    if let Err(problemes) = pacte.validate(None) {
        return Err(format!("invalid pact:\n{problemes}").into());
    }

    let pdf = render_pdf(&pacte, &RenderOptions::default())?;
    // A temporary file in the same folder, then a rename: never a half-written PDF.
    pacte::io::AtomicWrites::new().write_atomically(&sortie, &pdf)?;
    println!("{} ({} bytes)", sortie.display(), pdf.len());
    Ok(())
}

/// A pact between a département and the CAF, for 2024-2026.
fn pacte_minimal() -> Result<Pacte, Box<dyn Error>> {
    let mut departement = partenaire(
        "departement",
        "Le Département de la Drôme",
        NaturePartenaire::Departement,
    )?;
    departement.presentation = Texte::markdown(
        "Chef de file de l'insertion, le Département pilote le **Programme \
         Départemental d'Insertion** et coordonne le présent Pacte.",
    )?;
    departement.engagements_titre = Some("Le Département s'engage à :".into());
    departement.engagements = vec![
        Engagement {
            texte: Texte::markdown("Orienter chaque bénéficiaire du RSA dans le mois.")?,
            // Serves fiche-action n° 3 of the Programme Départemental d'Insertion.
            fiches_action: vec![3],
            sous_engagements: Vec::new(),
        },
        Engagement {
            texte: Texte::markdown("Réunir le comité de pilotage *au moins une fois par an*.")?,
            fiches_action: Vec::new(),
            sous_engagements: Vec::new(),
        },
    ];

    let mut caf = partenaire(
        "caf",
        "La Caisse d'Allocations Familiales",
        NaturePartenaire::SecuriteSociale,
    )?;
    caf.sigle = Some("CAF".into());
    caf.presentation = Texte::markdown("La CAF verse le RSA pour le compte du Département.")?;
    caf.engagements = vec![Engagement {
        texte: Texte::markdown("Informer les nouveaux allocataires de leurs droits.")?,
        fiches_action: Vec::new(),
        sous_engagements: Vec::new(),
    }];

    let comite = Instance {
        id: Id::new("comite-pilotage")?,
        nom: "Comité de pilotage du Pacte".into(),
        sigle: None,
        titre: None,
        description: Texte::default(),
        composition: Texte::markdown("Les signataires du Pacte.")?,
        // Members refer to partners by id; validation checks that they exist.
        membres: vec![membre("departement")?, membre("caf")?],
        perimetre: Texte::markdown("Le suivi et l'évaluation des engagements.")?,
        frequence: Some("une fois par an".into()),
        pilote: Some(membre("departement")?),
        evolution: Texte::default(),
    };

    let gouvernance = Gouvernance {
        groupes: vec![GroupeInstances {
            titre: "Les instances du Pacte".into(),
            introduction: Texte::default(),
            instances: vec![comite],
        }],
        ..Gouvernance::default()
    };

    let signataires = vec![
        Signataire {
            id: Some(Id::new("president")?),
            partenaire: Some(Id::new("departement")?),
            pour: "le Département de la Drôme".into(),
            qualite: Some("La Présidente du Conseil départemental".into()),
            ..Signataire::default()
        },
        // Two people sign for the CAF: one block, a signature field each.
        Signataire {
            partenaire: Some(Id::new("caf")?),
            pour: "la Caisse d'Allocations Familiales".into(),
            personnes: vec![
                Personne {
                    id: Some(Id::new("president-caf")?),
                    qualite: "Le Président du conseil d'administration".into(),
                    nom: None,
                    lieu: None,
                    date: None,
                },
                Personne {
                    id: Some(Id::new("directeur-caf")?),
                    qualite: "Par délégation,\nLe Directeur adjoint".into(),
                    nom: None,
                    lieu: None,
                    date: None,
                },
            ],
            ..Signataire::default()
        },
    ];

    Ok(Pacte {
        departement: Departement {
            code: "26".into(),
            nom: "Drôme".into(),
            de: "de la Drôme".into(),
            le: "la Drôme".into(),
        },
        titre: "Pacte Territorial d'Insertion".into(),
        sous_titre: None,
        periode: Periode {
            debut: 2024,
            fin: 2026,
            date_effet: None,
            date_fin: Some(Date::new(2026, 12, 31)?),
        },
        statut: Statut::Projet,
        lieu_signature: Some("Valence".into()),
        date_signature: None,
        exemplaires_originaux: None,
        visas: Vec::new(),
        metadonnees: Default::default(),
        logo: None,
        logo_alt: None,
        apparence: None,
        titres: Titres::default(),
        editorial: None,
        preambule: None,
        sections: Vec::new(),
        introduction_partenaires: Texte::default(),
        partenaires: vec![departement, caf],
        gouvernance,
        duree: Texte::markdown("Le présent Pacte est conclu pour **trois ans**.")?,
        signataires,
        annexes: Vec::new(),
        sigles: Vec::new(),
        liste_sigles: None,
        fiches_pdi: Vec::new(),
        index_fiches: None,
        contact: None,
    })
}

/// A partner with only its id, name and nature; the other parts are optional.
fn partenaire(id: &str, nom: &str, nature: NaturePartenaire) -> Result<Partenaire, Box<dyn Error>> {
    Ok(Partenaire {
        id: Id::new(id)?,
        nom: nom.into(),
        sigle: None,
        nature,
        titre: None,
        presentation: Texte::default(),
        contexte_legislatif: None,
        orientations: None,
        sous_sections: Vec::new(),
        engagements_titre: None,
        engagements_introduction: Texte::default(),
        engagements: Vec::new(),
        engagements_conclusion: Texte::default(),
        sous_partenaires: Vec::new(),
    })
}

/// An instance member that is a partner of the pact.
fn membre(partenaire: &str) -> Result<Membre, Box<dyn Error>> {
    Ok(Membre {
        partenaire: Some(Id::new(partenaire)?),
        libelle: None,
    })
}
